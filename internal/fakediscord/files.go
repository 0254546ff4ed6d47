package fakediscord

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"

	"talkbot/internal/discordcheck"
)

// File is an attachment a reply uploaded, as Discord received it.
type File struct {
	Name        string
	ContentType string
	Data        []byte
}

// readPayload reads a request's JSON body: the body itself, or the
// payload_json part of a multipart/form-data upload (a reply with files,
// as discordgo sends one), with the files[n] parts.
func readPayload(r *http.Request) ([]byte, []File, error) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		b, err := readBody(r)
		return b, nil, err
	}
	mr := multipart.NewReader(io.LimitReader(r.Body, discordcheck.MaxUploadBytes+1<<20), params["boundary"])
	var payload []byte
	var files []File
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("multipart body: %w", err)
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return nil, nil, fmt.Errorf("multipart part %q: %w", part.FormName(), err)
		}
		switch name := part.FormName(); {
		case name == "payload_json":
			payload = data
		case strings.HasPrefix(name, "files["):
			files = append(files, File{Name: part.FileName(), ContentType: part.Header.Get("Content-Type"), Data: data})
		default:
			return nil, nil, fmt.Errorf("multipart body: unexpected part %q", name)
		}
	}
	if payload == nil {
		return nil, nil, fmt.Errorf("multipart body: no payload_json part")
	}
	return payload, files, nil
}

// attachmentsOf turns uploads into what the checker sees.
func attachmentsOf(files []File) []discordcheck.Attachment {
	out := make([]discordcheck.Attachment, len(files))
	for i, f := range files {
		out[i] = discordcheck.Attachment{Name: f.Name, ContentType: f.ContentType, Size: len(f.Data),
			PNG: bytes.HasPrefix(f.Data, []byte("\x89PNG\r\n\x1a\n"))}
	}
	return out
}
