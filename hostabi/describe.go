package hostabi

// KindInfo describes a resource kind, as a plugin's describe verb reports it:
// the params a user may set, the fields it sends and the traits the engine
// may rely on. Front ends type-check resources against it.
type KindInfo struct {
	// Kind is the resource kind, e.g. "file" or "http:server".
	Kind string
	// Params are the settable params, in the order the plugin lists them.
	Params []ParamInfo
	// Sends are the fields the resource publishes for send/recv.
	Sends []ParamInfo
	// Traits are the optional behaviours the resource implements.
	Traits Traits
}

// ParamInfo is one param or sent field of a resource kind.
type ParamInfo struct {
	// Name is the param's name as mcl and YAML spell it.
	Name string
	// Type is its mcl type.
	Type *Type
	// Default is its value when the user gives none (nil: the zero value).
	Default Value
}

// Traits are the optional behaviours of a resource kind.
type Traits struct {
	// AutoEdge: the kind asks for automatic edges.
	AutoEdge bool
	// Groupable: resources of the kind can be grouped into one.
	Groupable bool
	// Send: the kind sends values (see KindInfo.Sends).
	Send bool
	// Recv: the kind's params can receive values.
	Recv bool
	// Refresh: the kind reacts to refresh notifications.
	Refresh bool
	// Reverse: the kind can undo itself (Meta:reverse).
	Reverse bool
}

// Param returns the param called name, or nil.
func (k *KindInfo) Param(name string) *ParamInfo {
	for i := range k.Params {
		if k.Params[i].Name == name {
			return &k.Params[i]
		}
	}
	return nil
}

// Send returns the sent field called name, or nil.
func (k *KindInfo) Send(name string) *ParamInfo {
	for i := range k.Sends {
		if k.Sends[i].Name == name {
			return &k.Sends[i]
		}
	}
	return nil
}
