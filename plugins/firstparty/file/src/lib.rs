//! The first-party `file` kind, in Rust: a file, a directory (when the path
//! ends in "/") or a symbolic link, with its content, mode, owner and group,
//! as upstream mgmt's file resource manages them. It is built into
//! `plugins/firstparty/dist/file.wasm` with `sdk/rust/mgmt.rs` and no crates,
//! and does all its file system work through the host's `fs_*` imports.
//! The module also provides the os functions that read files and stream on
//! their changes, `os.readfile` and `os.file_exists` (funcs.rs).
//!
//! Params (all optional; upstream's names and meanings):
//!   - path (str): the absolute path; the resource's name when unset. A
//!     trailing "/" makes it a directory.
//!   - dirname (str), basename (str): override the directory part (ending
//!     in "/") or the file part of the path.
//!   - state (str): "exists" or "absent"; "" leaves existence alone (then a
//!     missing file with content is an error, as upstream).
//!   - content (str): the exact content, managed only when set.
//!   - source (str): a file to copy, or with a trailing "/" a directory to
//!     copy rsync-style (needs recurse); with symlink, the link's target.
//!   - fragments ([str]): files, and directories ending in "/" (one level),
//!     whose concatenation is the content.
//!   - owner, group (str): a name or a numeric id, managed only when set.
//!   - mode (str): octal ("0644") or symbolic assignments ("u=rwx,go=rx"),
//!     managed only when set.
//!   - recurse (bool): copy a source tree; create missing parents of a
//!     directory; remove a non-empty directory when absent.
//!   - force (bool): replace a file by a directory, a link or vice versa;
//!     remove a non-empty directory when absent.
//!   - purge (bool): with a directory, remove what the source does not have.
//!   - symlink (bool): the path is a symbolic link to source.
//!   - selinux (str): declared for compatibility; setting it is refused.
//!
//! Traits: autoedges (to the parent directories, nearest first, to the
//! fragments, the source, and the owner and group), recv and reverse.
//!
//! Where this kind differs from upstream, and why:
//!   - purge cannot spare the files other resources of the graph manage
//!     inside the directory (upstream asks the graph; a guest cannot), and
//!     a tree copy removes what the source lacks only with purge; a missing
//!     source directory is an error rather than an empty source.
//!   - a symlink inside a copied tree is copied as a symlink, not followed.
//!   - a file path that is a directory, with state exists and no content,
//!     is an error without force (upstream accepts it as existing).
//!   - mode with symlink is refused: a link has no mode of its own.
//!   - writes are atomic replaces (a new inode), keeping the old file's
//!     mode and, where allowed, its owner; upstream rewrites in place.
//!   - an empty content is accepted with state absent, since a reversal
//!     sets every param; reversing a file without a state is refused, as
//!     its earlier content is not known to the guest.
//!
//! Build (the make rule does it):
//!   rustc --edition 2021 --target wasm32-wasi --crate-type cdylib -C opt-level=3 \
//!         -C codegen-units=1 -C panic=abort -C lto -C strip=symbols -o file.wasm src/lib.rs

/// The Rust SDK.
#[path = "../../../../sdk/rust/mgmt.rs"]
mod mgmt;

/// The check and apply verbs.
mod apply;
/// The owner and mode steps.
mod attrs;
/// The content step.
mod content;
/// The functions os.readfile and os.file_exists.
mod funcs;
/// The mode param.
mod mode;
/// The params.
mod params;
/// Path helpers.
mod paths;
/// Reading through fs_read.
mod read;
/// The symlink step.
mod symlink;
/// watch, autoedges and reverse.
mod traits;
/// The tree step.
mod tree;
/// Validation.
mod validate;

use mgmt::{ExtPlugin, Kind, KindExt, Param, Plugin, Traits, Type};

/// The kind's name.
pub const KIND: &str = "file";

/// The plugin, read by the SDK's exports: one kind, file, with its params
/// in upstream's order and its traits, and the functions of funcs.rs.
pub static PLUGIN: ExtPlugin = ExtPlugin {
    plugin: Plugin {
        name: "file",
        version: "1.0.0",
        kinds: &[Kind {
            kind: KIND,
            params: &[
                Param { name: "path", ty: || Type::Str },
                Param { name: "dirname", ty: || Type::Str },
                Param { name: "basename", ty: || Type::Str },
                Param { name: "state", ty: || Type::Str },
                Param { name: "content", ty: || Type::Str },
                Param { name: "source", ty: || Type::Str },
                Param { name: "fragments", ty: || Type::list(Type::Str) },
                Param { name: "owner", ty: || Type::Str },
                Param { name: "group", ty: || Type::Str },
                Param { name: "mode", ty: || Type::Str },
                Param { name: "recurse", ty: || Type::Bool },
                Param { name: "force", ty: || Type::Bool },
                Param { name: "purge", ty: || Type::Bool },
                Param { name: "symlink", ty: || Type::Bool },
                Param { name: "selinux", ty: || Type::Str },
            ],
            validate: validate::validate,
            watch: traits::watch,
            check_apply: apply::check_apply,
        }],
        // The paths are the user's to choose, as for every file resource.
        capabilities: &["fs.read:/", "fs.write:/"],
    },
    ext: &[KindExt {
        kind: KIND,
        traits: Traits { autoedge: true, recv: true, reverse: true, ..Traits::NONE },
        autoedges: Some(traits::autoedges),
        reverse: Some(traits::reverse),
    }],
    funcs: funcs::FUNCS,
};
