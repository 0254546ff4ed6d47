package index

import (
	"errors"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"talkbot/corpus"
	"talkbot/corpus/annotate"
)

// mappingVersion changes whenever the mapping, the analysis, the
// document layout or the catalog's form changes, so that on-disk indexes
// are rebuilt. It is a variable only so the persistence test can
// simulate an upgrade.
var mappingVersion = 16

// versionString identifies everything besides the corpus files' bytes
// that an on-disk index depends on: the mapping, the synonyms and
// answer-kind words applied at index time, the annotation data whose
// stances the catalog keeps, and how articles are read (the corpus's
// FormatVersion, which its fingerprint holds too: a start that trusts
// the manifest without fingerprinting, Options.CheckLater, must still
// see it change).
func versionString() string {
	return fmt.Sprintf("%d-%s-%s-%s-f%d", mappingVersion, synonyms().hash, kindsHash(), annotate.DataVersion(), corpus.FormatVersion)
}

// Field names of a passage document.
const (
	fText      = "text"      // the passage, stemmed; stored for hits and highlighting
	fSyn       = "syn"       // synonym-group terms of the passage
	fSource    = "source"    // publisher and original source, lower case
	fPublished = "published" // article date as day, month and year terms (dateTerms), for the date filter
	fDay       = "day"       // article date, YYYY-MM-DD (sorting)
	fArticle   = "article"   // article id (sorting and paging by article)
	fSeq       = "seq"       // passage position in the article, zero-padded (sorting)
	fActor     = "actor"     // lower-cased actor names
	fSpeaker   = "speaker"   // lower-cased speaker names
	fMeta      = "meta"      // stored JSON: everything else needed to rebuild a Passage
	fKind      = "kind"      // kinds of answer the passage's words show (kindTokens), at their positions
	fCopy      = "copy"      // a hash of the passage's text: exact copies share it (copyKey)
)

func newMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	for name, cfg := range analysisConfig {
		if err := im.AddCustomAnalyzer(name, cfg); err != nil {
			return nil, fmt.Errorf("analyzer %s: %w", name, err)
		}
	}
	im.ScoringModel = "bm25"
	im.DefaultAnalyzer = analyzerText
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	text := func(analyzer string, store, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = vectors
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	keyword := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = analyzerLower
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fText, text(analyzerText, true, true))
	doc.AddFieldMappingsAt(fSyn, text(analyzerSyn, false, true))
	doc.AddFieldMappingsAt(fKind, text(analyzerKinds, false, true))
	doc.AddFieldMappingsAt(fSource, keyword())
	doc.AddFieldMappingsAt(fActor, keyword())
	doc.AddFieldMappingsAt(fSpeaker, keyword())
	// Dates and positions are keywords, not Bleve's numeric and date
	// fields: those index 16 precision terms per value, which were a
	// sixth of the build's CPU, for filters and sorts that need one term
	// (a sort key) or three (dateTerms).
	sortKey := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = true // sort keys are read from doc values
		return f
	}
	doc.AddFieldMappingsAt(fArticle, sortKey())
	doc.AddFieldMappingsAt(fSeq, sortKey())
	doc.AddFieldMappingsAt(fDay, sortKey())
	// The first pass reads a passage's copy key from its doc values to
	// keep one passage of each text among its candidates (maxscore.go).
	doc.AddFieldMappingsAt(fCopy, sortKey())
	pub := bleve.NewKeywordFieldMapping()
	pub.Store = false
	pub.IncludeInAll = false
	pub.DocValues = false
	doc.AddFieldMappingsAt(fPublished, pub)
	meta := bleve.NewTextFieldMapping()
	meta.Index = false
	meta.Store = true
	meta.IncludeInAll = false
	meta.DocValues = false
	doc.AddFieldMappingsAt(fMeta, meta)
	// No query reads the _all field, which would otherwise gather every
	// document's terms again.
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.DefaultMapping = doc
	im.DefaultField = fText
	if err := im.Validate(); err != nil {
		return nil, err
	}
	return im, nil
}

// fieldOptions is how the mapping indexes a field of a passage document.
func fieldOptions(m mapping.IndexMapping, field string) (index.FieldIndexingOptions, error) {
	im, ok := m.(*mapping.IndexMappingImpl)
	if !ok || im.DefaultMapping == nil {
		return 0, errors.New("index mapping: not a document mapping")
	}
	fm := im.DefaultMapping.Properties[field]
	if fm == nil || len(fm.Fields) != 1 {
		return 0, fmt.Errorf("index mapping: no field %s", field)
	}
	return fm.Fields[0].Options(), nil
}
