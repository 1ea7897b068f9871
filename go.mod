module github.com/mgmt-wasm/mgmt

go 1.26.8

require (
	github.com/fsnotify/fsnotify v1.10.1 // indirect
	github.com/goccy/go-yaml v1.19.2 // indirect
	golang.org/x/sys v0.13.0 // indirect
	golang.org/x/time v0.16.0 // indirect
)
