package hostabi

// PrepareRequest is the request of the optional prepare verb: validate,
// and in the same call the answers of autoedges and watch for the same
// spec, which the host otherwise asks for in three calls whenever a
// resource enters the graph or its params change.
type PrepareRequest struct {
	// ResourceSpec is the resource (tags 1 to 3 and 8).
	ResourceSpec
	// AutoEdges asks for the autoedges answer too (tag 4); the host sets
	// it only for kinds with the autoedge trait.
	AutoEdges bool
	// Watch asks for the watch answer too (tag 5).
	Watch bool
}

// PrepareResponse is the response of the prepare verb. Error is
// validate's; when it is set the other fields are absent. The autoedges
// and watch answers carry their own errors, as the verbs' responses would.
type PrepareResponse struct {
	// UIDs and Edges are autoedges' answer (tags 1 and 2), when asked.
	UIDs  []UID
	Edges [][]UID
	// Watches is watch's answer (tag 3, repeated), when asked.
	Watches []WatchSpec
	// AutoEdgesError is the autoedges verb's error (tag 4).
	AutoEdgesError *ABIError
	// WatchError is the watch verb's error (tag 5).
	WatchError *ABIError
	// Error is the validation error (tag 15).
	Error *ABIError
}

// AutoEdgesResponse returns the autoedges part as that verb's response.
func (m *PrepareResponse) AutoEdgesResponse() *AutoEdgesResponse {
	return &AutoEdgesResponse{UIDs: m.UIDs, Edges: m.Edges, Error: m.AutoEdgesError}
}

// WatchResponse returns the watch part as that verb's response.
func (m *PrepareResponse) WatchResponse() *WatchResponse {
	return &WatchResponse{Watches: m.Watches, Error: m.WatchError}
}

func (m *PrepareRequest) encode(e *Encoder) {
	m.ResourceSpec.encodeHead(e)
	e.boolField(4, m.AutoEdges)
	e.boolField(5, m.Watch)
	m.ResourceSpec.encodeUnset(e)
}

func (m *PrepareRequest) decodeField(f *field) error {
	switch f.tag {
	case 4:
		return f.boolean(&m.AutoEdges)
	case 5:
		return f.boolean(&m.Watch)
	}
	return m.ResourceSpec.decodeField(f) // tags 1 to 3 and 8
}

func (m *PrepareResponse) encode(e *Encoder) {
	encodeAutoEdges(e, m.UIDs, m.Edges)
	for i := range m.Watches {
		e.msgField(3, &m.Watches[i])
	}
	if m.AutoEdgesError != nil {
		e.msgField(4, m.AutoEdgesError)
	}
	if m.WatchError != nil {
		e.msgField(5, m.WatchError)
	}
	if m.Error != nil {
		e.msgField(15, m.Error)
	}
}

func (m *PrepareResponse) decodeField(f *field) error {
	switch f.tag {
	case 3:
		return f.msgElem(elem(&m.Watches))
	case 4:
		return f.errorField(&m.AutoEdgesError)
	case 5:
		return f.errorField(&m.WatchError)
	case 15:
		return f.errorField(&m.Error)
	}
	return decodeAutoEdges(f, &m.UIDs, &m.Edges) // tags 1 and 2
}
