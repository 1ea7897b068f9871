package mgmt

import "github.com/mgmt-wasm/mgmt/hostabi"

// This file wraps the file imports that change the tree: fs_mkdir,
// fs_remove, fs_rename, fs_chmod, fs_chown, fs_symlink, and the ones that
// list it: fs_readdir and fs_readlink (docs/abi.md, section 7).

// Mkdir creates the directory at path; parents creates missing parents and
// succeeds if it exists (mkdir -p). A mode of 0 means 0o755.
func (c *Context) Mkdir(path string, mode uint32, parents bool) error {
	return host.Call(hostabi.ImportFSMkdir, &hostabi.MkdirRequest{Path: path, Mode: mode, Parents: parents}, nil)
}

// Remove removes the file, link or empty directory at path; recursive
// removes a directory with its contents. A final symlink is removed, not
// followed.
func (c *Context) Remove(path string, recursive bool) error {
	return host.Call(hostabi.ImportFSRemove, &hostabi.RemoveRequest{Path: path, Recursive: recursive}, nil)
}

// Rename renames from to to, replacing to if it exists.
func (c *Context) Rename(from, to string) error {
	return host.Call(hostabi.ImportFSRename, &hostabi.RenameRequest{From: from, To: to}, nil)
}

// Chmod sets the permission bits of path (at most 0o7777, with setuid
// 0o4000, setgid 0o2000 and sticky 0o1000).
func (c *Context) Chmod(path string, mode uint32) error {
	return host.Call(hostabi.ImportFSChmod, &hostabi.ChmodRequest{Path: path, Mode: mode}, nil)
}

// Chown sets the owner and group of path, each a name or a decimal id;
// "" leaves one unchanged. nofollow changes a final symlink itself.
func (c *Context) Chown(path, owner, group string, nofollow bool) error {
	return host.Call(hostabi.ImportFSChown, &hostabi.ChownRequest{Path: path, Owner: owner, Group: group, NoFollow: nofollow}, nil)
}

// Symlink creates a symbolic link at path whose content is target.
func (c *Context) Symlink(target, path string) error {
	return host.Call(hostabi.ImportFSSymlink, &hostabi.SymlinkRequest{Target: target, Path: path}, nil)
}

// Readlink returns the content of the symbolic link at path.
func (c *Context) Readlink(path string) (string, error) {
	var resp hostabi.ReadlinkResponse
	if err := host.Call(hostabi.ImportFSReadlink, &hostabi.ReadlinkRequest{Path: path}, &resp); err != nil {
		return "", err
	}
	return resp.Target, nil
}

// ReadDir lists the directory at path, sorted by name, without "." and
// "..".
func (c *Context) ReadDir(path string) ([]hostabi.DirEntry, error) {
	var resp hostabi.ReaddirResponse
	if err := host.Call(hostabi.ImportFSReaddir, &hostabi.ReaddirRequest{Path: path}, &resp); err != nil {
		return nil, err
	}
	return resp.Entries, nil
}

// WriteFileSync is WriteFile that also flushes the file and its directory
// to disk before returning.
func (c *Context) WriteFileSync(path string, data []byte, mode uint32) error {
	return host.Call(hostabi.ImportFSWriteAtomic, &hostabi.WriteAtomicRequest{Path: path, Data: data, Mode: mode, Sync: true}, nil)
}
