//! The content step: the file's content from content, fragments or a
//! source file, compared byte for byte and replaced atomically when it
//! differs, keeping the old file's mode and owner.

use std::borrow::Cow;

use crate::apply::{type_name, Op};
use crate::mgmt::{self, code, file_type, Error, Stat};
use crate::params::{ABSENT, EXISTS};
use crate::paths;
use crate::read::{read_equal, read_equal_stat, read_sized};

/// The mode the host gives a new file written with mode 0.
const DEFAULT_FILE_MODE: u32 = 0o644;

impl<'f, 'a> Op<'f, 'a> {
    /// Makes the file's content that of content, fragments or a source
    /// file. A file that is already right is not touched. The common cases
    /// take few host calls: a read of at most the expected size first
    /// (with the stat), which alone settles a right file and a missing one;
    /// a stat only when the host did not answer one; then one write.
    pub fn content_step(&mut self) -> Result<bool, Error> {
        let f = self.f;
        if !f.has_body() || f.state == ABSENT {
            return Ok(true);
        }
        let (data, src_mode) = self.body()?;
        let mut compared = false;
        if !self.known {
            match read_equal_stat(&f.clean, &data) {
                Ok((same, st)) => {
                    if st.is_some() {
                        self.know(st, true);
                    }
                    if same {
                        return Ok(true);
                    }
                    compared = true; // it differs; the stat says how to replace it
                }
                Err(e) if e.code == code::NOT_FOUND => self.know(None, false),
                Err(_) => {} // not a readable file: the stat below tells what it is
            }
        }
        let mut st = self.stat()?;
        match &st {
            None if f.state != EXISTS => return Err(self.missing("content")),
            None => {}
            Some(s) if s.kind == file_type::DIR => {
                if !f.force {
                    return Err(Error::new(format!("{} is a directory, want a file (set force to replace it)", f.clean)));
                }
                if !self.apply {
                    return Ok(false);
                }
                mgmt::fs_remove(&f.clean, true).map_err(|e| e.context(&format!("replace {}", f.clean)))?;
                mgmt::log(mgmt::INFO, &format!("removed directory {} to replace it by a file (force)", f.clean));
                st = None;
            }
            Some(s) if s.kind != file_type::REGULAR => {
                return Err(Error::new(format!("{} is a {}, not a regular file", f.clean, type_name(s.kind))));
            }
            Some(s) if !compared && s.size == data.len() as u64 => match read_equal(&f.clean, &data) {
                Err(e) if e.code == code::NOT_FOUND => {
                    // Removed since the stat: it is created below.
                    st = None;
                    self.know(None, false);
                }
                Err(e) => return Err(e),
                Ok(true) => return Ok(true),
                Ok(false) => {}
            },
            Some(_) => {}
        }
        if !self.apply {
            return Ok(false);
        }
        let src_mode = if f.mode.is_some() { None } else { src_mode };
        self.write(&data, src_mode, st)?;
        Ok(false)
    }

    /// The content the file must have and, for a source file, the
    /// source's mode.
    fn body(&self) -> Result<(Cow<'a, [u8]>, Option<u32>), Error> {
        let f = self.f;
        if f.has_content {
            return Ok((Cow::Borrowed(f.content.as_bytes()), None));
        }
        if !f.fragments.is_empty() {
            return Ok((Cow::Owned(self.fragments()?), None));
        }
        let st = mgmt::fs_stat(f.source).map_err(|e| e.context(&format!("stat source {}", f.source)))?;
        if st.kind != file_type::REGULAR {
            return Err(Error::new(format!("source {} is a {}, not a regular file", f.source, type_name(st.kind))));
        }
        let data = read_sized(f.source, st.size).map_err(|e| e.context("source"))?;
        Ok((Cow::Owned(data), Some(st.mode)))
    }

    /// The fragments concatenated in order: a file's content, or for a
    /// directory (ending in "/") the content of each file in it, by name,
    /// skipping subdirectories, as upstream does.
    fn fragments(&self) -> Result<Vec<u8>, Error> {
        let mut buf = Vec::new();
        for frag in &self.f.fragments {
            if !frag.ends_with('/') {
                let data = mgmt::fs_read(frag).map_err(|e| e.context(&format!("read fragment {}", frag)))?;
                buf.extend_from_slice(&data);
                continue;
            }
            let dir = paths::clean_path(frag);
            let entries = mgmt::fs_readdir(&dir).map_err(|e| e.context(&format!("read fragment directory {}", frag)))?;
            for e in entries {
                if e.kind == file_type::DIR {
                    continue;
                }
                let p = paths::join(&dir, &e.name);
                match mgmt::fs_read(&p) {
                    Ok(data) => buf.extend_from_slice(&data),
                    // Gone since the listing (a writer's temporary file,
                    // renamed into place): not a fragment any more. The
                    // change of the directory brings another check.
                    Err(e) if e.code == code::NOT_FOUND => {}
                    Err(e) => return Err(e.context(&format!("read fragment {}", p))),
                }
            }
        }
        Ok(buf)
    }

    /// Replaces the file's content atomically (fs_write_atomic: a temporary
    /// file renamed over it). Its mode is the managed one, else the
    /// source's (`src_mode`), else the old file's, else the default; an old
    /// file's owner and group are kept, as upstream keeps them by
    /// rewriting in place.
    pub fn write(&mut self, data: &[u8], src_mode: Option<u32>, old: Option<Stat>) -> Result<(), Error> {
        let f = self.f;
        let mode = match (&f.mode, src_mode, &old) {
            (Some(m), _, Some(o)) => m.apply(o.mode),
            (Some(m), _, None) => m.apply(0),
            (None, Some(s), _) => s,
            (None, None, Some(o)) => o.mode,
            (None, None, None) => DEFAULT_FILE_MODE,
        };
        let mut written = mgmt::fs_write_stat(&f.clean, data, mode & 0o777).map_err(|e| e.context(&format!("write {}", f.clean)))?;
        // The host writes the permission bits only, and 0 as the default.
        let bits = mode & 0o777;
        if bits == 0 || bits != mode {
            mgmt::fs_chmod(&f.clean, mode).map_err(|e| e.context(&format!("chmod {}", f.clean)))?;
            if let Some(w) = &mut written {
                w.mode = mode;
            }
        }
        if old.is_none() {
            mgmt::log(mgmt::INFO, &format!("created {} ({} bytes)", f.clean, data.len()));
        } else {
            mgmt::log(mgmt::INFO, &format!("wrote {} bytes to {}", data.len(), f.clean));
        }
        // The host's stat of the file written tells its owner too; without
        // one, what the write made of it is known but for the owner.
        match written {
            Some(w) => self.know(Some(w), true),
            None => {
                let st = Stat { kind: file_type::REGULAR, mode, size: data.len() as u64, ..Stat::default() };
                self.know(Some(st), false);
            }
        }
        match old {
            Some(o) if f.owner.is_empty() && f.group.is_empty() => self.keep_owner(&o),
            _ => Ok(()),
        }
    }

    /// Gives the rewritten file the old file's owner and group when the
    /// atomic replace changed them. Not being allowed to is a warning: the
    /// content is right, and only root may give a file away.
    fn keep_owner(&mut self, old: &Stat) -> Result<(), Error> {
        let f = self.f;
        if !self.owner_ok {
            self.forget();
        }
        let st = match self.stat()? {
            Some(st) => st,
            None => return Ok(()),
        };
        if st.uid == old.uid && st.gid == old.gid {
            return Ok(());
        }
        let (uid, gid) = (old.uid.to_string(), old.gid.to_string());
        match mgmt::fs_chown(&f.clean, &uid, &gid, false) {
            Err(e) if e.code == code::DENIED => {
                mgmt::log(
                    mgmt::WARN,
                    &format!("{} now belongs to {}:{}: cannot keep its owner {}:{}: {}", f.clean, st.uid, st.gid, uid, gid, e.message),
                );
                Ok(())
            }
            Err(e) => Err(e.context(&format!("chown {} to its old owner {}:{}", f.clean, uid, gid))),
            Ok(()) => {
                self.forget();
                Ok(())
            }
        }
    }
}
