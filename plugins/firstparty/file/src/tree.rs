//! The tree step: a source directory copied onto the directory,
//! rsync-style, and purge.

use std::collections::BTreeMap;

use crate::apply::{type_name, Op};
use crate::mgmt::{self, file_type, DirEntry, Error};
use crate::params::{ABSENT, EXISTS};
use crate::paths::{clean_path, join};
use crate::read::{read_equal, read_sized};

impl<'f, 'a> Op<'f, 'a> {
    /// Copies a source directory onto the directory: directories are
    /// created with the source's mode, files copied when their content
    /// differs (taking the source's mode), symlinks copied as symlinks
    /// (same target, not followed); with purge, what the source lacks is
    /// removed (with purge and no source, everything in the directory is).
    pub fn tree_step(&mut self) -> Result<bool, Error> {
        let f = self.f;
        if !f.dir || f.state == ABSENT || (f.source.is_empty() && !f.purge) {
            return Ok(true);
        }
        match self.stat()? {
            None if !self.apply && f.state == EXISTS => return Ok(false),
            None => return Err(self.missing("tree")),
            Some(st) if st.kind != file_type::DIR => {
                return Err(Error::new(format!("{} is a {}, not a directory", f.clean, type_name(st.kind))));
            }
            Some(_) => {}
        }
        let src = if f.source.is_empty() { String::new() } else { clean_path(f.source) };
        self.sync(&src, &f.clean)
    }

    /// Makes the directory `dst` hold what the directory `src` holds (""
    /// is an empty source), recursively.
    fn sync(&mut self, src: &str, dst: &str) -> Result<bool, Error> {
        let src_entries: Vec<DirEntry> = if src.is_empty() {
            Vec::new()
        } else {
            mgmt::fs_readdir(src).map_err(|e| e.context(&format!("read source directory {}", src)))?
        };
        let dst_entries = mgmt::fs_readdir(dst).map_err(|e| e.context(&format!("read directory {}", dst)))?;
        let mut have: BTreeMap<&str, u64> = dst_entries.iter().map(|e| (e.name.as_str(), e.kind)).collect();
        let mut check_ok = true;
        for e in &src_entries {
            let (s, d) = (join(src, &e.name), join(dst, &e.name));
            let mut exists = false;
            if let Some(t) = have.remove(e.name.as_str()) {
                exists = true;
                if t != e.kind {
                    exists = self.replace_entry(&d, t, e.kind)?;
                    if exists {
                        return Ok(false); // only checking: it would be replaced
                    }
                }
            }
            let ok = match e.kind {
                file_type::DIR => self.sync_dir(&s, &d, exists),
                file_type::REGULAR => self.sync_file(&s, &d, exists),
                file_type::SYMLINK => self.sync_link(&s, &d, exists),
                t => Err(Error::new(format!("cannot copy {}: it is a {}", s, type_name(t)))),
            }?;
            if !ok {
                check_ok = false;
                if !self.apply {
                    return Ok(false);
                }
            }
        }
        if !self.f.purge || have.is_empty() {
            return Ok(check_ok);
        }
        if !self.apply {
            return Ok(false);
        }
        for e in &dst_entries {
            if !have.contains_key(e.name.as_str()) {
                continue;
            }
            let d = join(dst, &e.name);
            mgmt::fs_remove(&d, true).map_err(|err| err.context(&format!("purge {}", d)))?;
            mgmt::log(mgmt::INFO, &format!("removed {} (purge)", d));
        }
        Ok(false)
    }

    /// Removes `d`, a `have` where the source has a `want`, which needs
    /// force. It reports whether `d` still exists (when only checking).
    fn replace_entry(&mut self, d: &str, have: u64, want: u64) -> Result<bool, Error> {
        if !self.f.force {
            return Err(Error::new(format!(
                "{} is a {}, want a {} (set force to replace it)",
                d,
                type_name(have),
                type_name(want)
            )));
        }
        if !self.apply {
            return Ok(true);
        }
        mgmt::fs_remove(d, true).map_err(|e| e.context(&format!("replace {}", d)))?;
        mgmt::log(mgmt::INFO, &format!("removed {} {} to replace it by a {} (force)", type_name(have), d, type_name(want)));
        Ok(false)
    }

    /// Creates the directory `d` with the mode of `s` when it is missing,
    /// then syncs its contents.
    fn sync_dir(&mut self, s: &str, d: &str, exists: bool) -> Result<bool, Error> {
        let mut check_ok = true;
        if !exists {
            if !self.apply {
                return Ok(false);
            }
            let st = mgmt::fs_lstat(s, true).map_err(|e| e.context(&format!("stat source {}", s)))?;
            mgmt::fs_mkdir(d, st.mode & 0o777, false).map_err(|e| e.context(&format!("mkdir {}", d)))?;
            mgmt::log(mgmt::INFO, &format!("created directory {}", d));
            check_ok = false;
        }
        let ok = self.sync(s, d)?;
        Ok(ok && check_ok)
    }

    /// Copies the file `s` to `d` when `d` is missing or its content
    /// differs; the copy takes the mode of `s`.
    fn sync_file(&mut self, s: &str, d: &str, exists: bool) -> Result<bool, Error> {
        let sst = mgmt::fs_lstat(s, true).map_err(|e| e.context(&format!("stat source {}", s)))?;
        let mut data = None;
        if exists {
            let dst = mgmt::fs_lstat(d, true).map_err(|e| e.context(&format!("stat {}", d)))?;
            if dst.size == sst.size {
                let src_data = read_sized(s, sst.size).map_err(|e| e.context("source"))?;
                if read_equal(d, &src_data)? {
                    return Ok(true);
                }
                data = Some(src_data);
            }
        }
        if !self.apply {
            return Ok(false);
        }
        let data = match data {
            Some(x) => x,
            None => read_sized(s, sst.size).map_err(|e| e.context("source"))?,
        };
        mgmt::fs_write(d, &data, sst.mode & 0o777).map_err(|e| e.context(&format!("copy {} to {}", s, d)))?;
        if sst.mode & 0o777 == 0 || sst.mode & !0o777 != 0 {
            mgmt::fs_chmod(d, sst.mode).map_err(|e| e.context(&format!("chmod {}", d)))?;
        }
        mgmt::log(mgmt::INFO, &format!("copied {} to {} ({} bytes)", s, d, data.len()));
        Ok(false)
    }

    /// Makes `d` a symlink with the target of the symlink `s`.
    fn sync_link(&mut self, s: &str, d: &str, exists: bool) -> Result<bool, Error> {
        let target = mgmt::fs_readlink(s).map_err(|e| e.context(&format!("readlink source {}", s)))?;
        if exists {
            let cur = mgmt::fs_readlink(d).map_err(|e| e.context(&format!("readlink {}", d)))?;
            if cur == target {
                return Ok(true);
            }
        }
        if !self.apply {
            return Ok(false);
        }
        if exists {
            mgmt::fs_remove(d, false).map_err(|e| e.context(&format!("replace symlink {}", d)))?;
        }
        mgmt::fs_symlink(&target, d).map_err(|e| e.context(&format!("symlink {} -> {}", d, target)))?;
        mgmt::log(mgmt::INFO, &format!("symlink {} -> {}", d, target));
        Ok(false)
    }
}
