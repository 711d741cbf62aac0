package main

import (
	"runtime/debug"
	"strings"
)

// buildInfo is what the binary knows of its own build: the module version
// (a tag, a pseudo-version made from the commit, or "(devel)") and the
// version control commit, its time and whether the tree had changes, as
// go build records them.
type buildInfo struct {
	version  string
	commit   string
	time     string
	modified bool
}

func readBuildInfo() buildInfo {
	b := buildInfo{version: "(devel)"}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if info.Main.Version != "" {
		b.version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.commit = s.Value
		case "vcs.time":
			b.time = s.Value
		case "vcs.modified":
			b.modified = s.Value == "true"
		}
	}
	return b
}

// String is the line obiettivi --version prints.
func (b buildInfo) String() string {
	var s strings.Builder
	s.WriteString("obiettivi " + b.version)
	switch {
	case b.commit == "":
		s.WriteString(" (commit unknown: built without version control information)")
	default:
		s.WriteString(" (commit " + b.commit)
		if b.time != "" {
			s.WriteString(", " + b.time)
		}
		if b.modified {
			s.WriteString(", with uncommitted changes")
		}
		s.WriteString(")")
	}
	return s.String()
}

// storeVersion is the extractor version the store records per document.
func (b buildInfo) storeVersion() string { return "obiettivi " + b.version }

// storeCommit is the commit the store records per document, marked
// "+modified" when the tree had changes.
func (b buildInfo) storeCommit() string {
	if b.commit != "" && b.modified {
		return b.commit + "+modified"
	}
	return b.commit
}
