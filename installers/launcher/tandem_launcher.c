/*
 * The one-file client's launcher on Linux (installers/pack_client.py puts it together).
 *
 * The file a customer downloads is this small program followed by the client's folder (PyInstaller's
 * one-folder build), compressed with zstd: a solid zstd stream is about a fifth smaller than
 * PyInstaller's one-file archive, whose entries are each compressed with zlib.
 *
 * On start it unpacks the folder once into the user's cache, $XDG_CACHE_HOME/tandem-client/<id>
 * (the id names the payload's contents), then runs the client from there, so later starts unpack
 * nothing. While a client runs from a folder, it holds a shared lock on the folder's ".in-use"
 * file (the descriptor survives exec); a start of another build removes the folders nobody holds.
 *
 * The client finds the file the customer started (its launch block at the end, what to restart
 * after a reboot) in TANDEM_CLIENT_FILE.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zstd.h>

extern char **environ;

#define PROGRAM_ENV "TANDEM_CLIENT_FILE"
#define IN_USE ".in-use"
#define CLIENT "tandem-client" /* the one-folder build's program */
#define FOLDER_MAGIC "TNDMDIR1"
#define ID_CHARS 20
/* Bounds on what a payload may say: a longer path or link is a damaged payload. */
#define MAX_PATH_BYTES 1024
#define CHUNK (1 << 17)

/* Written by the packer after the build: where the payload starts in this file, its length and
 * its id. volatile, so the compiler reads the record at run time instead of folding the zeros. */
struct payload_info {
    char magic[16];
    uint64_t offset;
    uint64_t length;
    char id[ID_CHARS + 4];
};
static volatile const struct payload_info payload = {"TANDEM-PAYLOAD-1", 0, 0, ""};

static void remove_tree(const char *path);

/* The folder being unpacked: removed when unpacking fails, so that nothing half written stays. */
static const char *unpacking_now;

/* The message in a window too: a customer who double-clicked the download sees no terminal.
 * The desktop's own dialog tool where there is one (GNOME's zenity, KDE's kdialog), else X's
 * xmessage; none found, standard error alone. */
static void show_window(const char *message) {
    if (!getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY")) return;
    char *const zenity[] = {"zenity", "--error", "--title=Tandem", "--text", (char *)message, NULL};
    char *const kdialog[] = {"kdialog", "--title", "Tandem", "--error", (char *)message, NULL};
    char *const xmessage[] = {"xmessage", "-center", (char *)message, NULL};
    char *const *tools[] = {zenity, kdialog, xmessage};
    for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++) {
        pid_t pid;
        if (posix_spawnp(&pid, tools[i][0], NULL, NULL, tools[i], environ) != 0) continue;
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (WIFEXITED(status) && WEXITSTATUS(status) != 127) return; /* shown */
    }
}

static void fail(const char *what, const char *detail) {
    char message[PATH_MAX + 256];
    snprintf(message, sizeof message, "Tandem could not start: %s%s%s", what,
             detail ? ": " : "", detail ? detail : "");
    fprintf(stderr, "%s\n", message);
    if (unpacking_now) remove_tree(unpacking_now);
    show_window(message);
    exit(1);
}

/* "<folder>/<name>" into a PATH_MAX buffer; a longer path stops the launcher. */
static void join(char *out, const char *folder, const char *name) {
    int n = snprintf(out, PATH_MAX, "%s/%s", folder, name);
    if (n < 0 || n >= PATH_MAX) fail("path too long", folder);
}

/* --- reading the compressed payload ---------------------------------------------------------- */

struct stream {
    int fd;
    uint64_t left; /* compressed bytes not read yet */
    ZSTD_DCtx *context;
    ZSTD_inBuffer in;
    char in_bytes[CHUNK];
    char out_bytes[CHUNK];
    size_t out_pos, out_len;
};

static int refill(struct stream *s) {
    for (;;) {
        if (s->in.pos == s->in.size && s->left > 0) {
            size_t want = s->left < CHUNK ? (size_t)s->left : CHUNK;
            ssize_t got = read(s->fd, s->in_bytes, want);
            if (got <= 0) return -1;
            s->left -= (uint64_t)got;
            s->in.src = s->in_bytes;
            s->in.size = (size_t)got;
            s->in.pos = 0;
        }
        ZSTD_outBuffer out = {s->out_bytes, CHUNK, 0};
        size_t status = ZSTD_decompressStream(s->context, &out, &s->in);
        if (ZSTD_isError(status)) fail("the download is damaged", ZSTD_getErrorName(status));
        s->out_pos = 0;
        s->out_len = out.pos;
        if (out.pos > 0) return 0;
        if (s->in.pos == s->in.size && s->left == 0) return -1; /* the stream ended early */
    }
}

static void take(struct stream *s, void *into, size_t count) {
    char *to = into;
    while (count > 0) {
        if (s->out_pos == s->out_len && refill(s) != 0) fail("the download is cut short", NULL);
        size_t n = s->out_len - s->out_pos;
        if (n > count) n = count;
        memcpy(to, s->out_bytes + s->out_pos, n);
        s->out_pos += n;
        to += n;
        count -= n;
    }
}

static uint64_t take_number(struct stream *s, int bytes) {
    unsigned char raw[8];
    uint64_t value = 0;
    take(s, raw, (size_t)bytes);
    for (int i = bytes - 1; i >= 0; i--) value = (value << 8) | raw[i]; /* little-endian */
    return value;
}

static void take_text(struct stream *s, char *into) {
    size_t length = (size_t)take_number(s, 2);
    if (length == 0 || length > MAX_PATH_BYTES) fail("the download is damaged", "bad name");
    take(s, into, length);
    into[length] = '\0';
    if (memchr(into, '\0', length)) fail("the download is damaged", "bad name");
}

/* --- unpacking ----------------------------------------------------------------------------- */

/* A relative path with no empty, "." or ".." part: nothing lands outside the folder. */
static int safe_path(const char *path) {
    if (path[0] == '/') return 0;
    const char *part = path;
    for (;;) {
        size_t n = strcspn(part, "/");
        if (n == 0 || (n == 1 && part[0] == '.') || (n == 2 && part[0] == '.' && part[1] == '.'))
            return 0;
        if (part[n] == '\0') return 1;
        part += n + 1;
    }
}

/* A link's target, read from the link's own folder: first the ".." parts, then names only, and
 * never above the unpacked folder. With no entry written through a link (real_parents), every
 * link then resolves inside the folder, whatever the other links say: a ".." after a name could
 * climb out through a link to a shallower place ("a" -> ".", then "a/a/../.."). */
static int safe_link(const char *path, const char *target) {
    if (target[0] == '/') return 0;
    int depth = 0, named = 0;
    for (const char *c = path; *c; c++) depth += *c == '/';
    const char *part = target;
    for (;;) {
        size_t n = strcspn(part, "/");
        if (n == 2 && part[0] == '.' && part[1] == '.') {
            if (named || --depth < 0) return 0;
        } else if (n > 0 && !(n == 1 && part[0] == '.')) {
            named = 1;
        }
        if (part[n] == '\0') return 1;
        part += n + 1;
    }
}

/* Each folder on the way to ``path`` is a real folder, not a link: what a link names is never
 * written into (a link to "." would let "a/a/../.." out). */
static int real_parents(int folder, const char *path) {
    static char prefix[MAX_PATH_BYTES + 1];
    for (const char *slash = strchr(path, '/'); slash; slash = strchr(slash + 1, '/')) {
        size_t n = (size_t)(slash - path);
        memcpy(prefix, path, n);
        prefix[n] = '\0';
        struct stat st;
        if (fstatat(folder, prefix, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode))
            return 0;
    }
    return 1;
}

static void unpack(struct stream *s, int folder) {
    char magic[sizeof FOLDER_MAGIC - 1];
    take(s, magic, sizeof magic);
    if (memcmp(magic, FOLDER_MAGIC, sizeof magic) != 0) fail("the download is damaged", "magic");
    static char path[MAX_PATH_BYTES + 1], target[MAX_PATH_BYTES + 1];
    static char data[CHUNK];
    for (;;) {
        char kind;
        take(s, &kind, 1);
        if (kind == 'e') return;
        take_text(s, path);
        if (!safe_path(path)) fail("the download names a path outside its folder", path);
        if (!real_parents(folder, path)) fail("the download writes through a link", path);
        if (kind == 'd') {
            mode_t mode = (mode_t)take_number(s, 4) & 0755;
            if (mkdirat(folder, path, mode | 0700) != 0) fail("cannot make a folder", path);
        } else if (kind == 'l') {
            take_text(s, target);
            if (!safe_link(path, target)) fail("the download links outside its folder", path);
            if (symlinkat(target, folder, path) != 0) fail("cannot make a link", path);
        } else if (kind == 'f') {
            mode_t mode = (mode_t)take_number(s, 4) & 0755;
            uint64_t size = take_number(s, 8);
            int fd = openat(folder, path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode | 0600);
            if (fd < 0) fail("cannot write a file", path);
            while (size > 0) {
                size_t n = size < CHUNK ? (size_t)size : CHUNK;
                take(s, data, n);
                for (size_t done = 0; done < n;) {
                    ssize_t wrote = write(fd, data + done, n - done);
                    if (wrote < 0 && errno == EINTR) continue;
                    if (wrote <= 0) fail("cannot write a file (is the disk full?)", path);
                    done += (size_t)wrote;
                }
                size -= n;
            }
            if (close(fd) != 0) fail("cannot write a file (is the disk full?)", path);
        } else {
            fail("the download is damaged", "unknown entry");
        }
    }
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

static void remove_tree(const char *path) { nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS); }

static void unpack_into(const char *self, const char *folder) {
    unpacking_now = folder;
    int file = open(self, O_RDONLY | O_CLOEXEC);
    if (file < 0 || lseek(file, (off_t)payload.offset, SEEK_SET) < 0)
        fail("cannot read the download", self);
    static struct stream s;
    s.fd = file;
    s.left = payload.length;
    s.context = ZSTD_createDCtx();
    if (!s.context) fail("out of memory", NULL);
    /* The packer compresses with a long window (zstd --long=27): allow it, no more. */
    ZSTD_DCtx_setParameter(s.context, ZSTD_d_windowLogMax, 27);
    if (mkdir(folder, 0700) != 0) fail("cannot make a folder", folder);
    int dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) fail("cannot open a folder", folder);
    unpack(&s, dir);
    int lock = openat(dir, IN_USE, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (lock < 0) fail("cannot write a file", IN_USE);
    close(lock);
    close(dir);
    close(file);
    ZSTD_freeDCtx(s.context);
    unpacking_now = NULL;
}

/* --- the cache ------------------------------------------------------------------------------- */

/* A folder of ours: made by us, or already there, ours, and writable by no one else. */
static int own_folder(const char *path) {
    if (mkdir(path, 0700) != 0 && errno != EEXIST) return 0;
    struct stat st;
    return lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid() &&
           (st.st_mode & 022) == 0;
}

static void cache_root(char *root) {
    const char *cache = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    if (cache && cache[0] == '/') {
        snprintf(root, PATH_MAX, "%s", cache);
    } else if (home && home[0] == '/') {
        snprintf(root, PATH_MAX, "%s/.cache", home);
    } else {
        root[0] = '\0';
    }
    if (root[0]) {
        mkdir(root, 0700);
        strncat(root, "/tandem-client", PATH_MAX - strlen(root) - 1);
        if (own_folder(root)) return;
    }
    /* No usable home: the temporary folder, checked to be ours (another user could have made
     * the name first, to have us run their files). */
    const char *tmp = getenv("TMPDIR");
    snprintf(root, PATH_MAX, "%s/tandem-client-%u", tmp && tmp[0] == '/' ? tmp : "/tmp",
             (unsigned)getuid());
    if (!own_folder(root)) fail("no folder to unpack into", root);
}

/* The folder's in-use lock, held shared from here to the client's end; -1 when the folder is not
 * whole (not unpacked yet, or being removed). */
static int hold(const char *folder) {
    char path[PATH_MAX];
    join(path, folder, IN_USE);
    int fd = open(path, O_RDONLY); /* not O_CLOEXEC: the client holds it after exec */
    if (fd < 0) return -1;
    struct stat held, now;
    /* A remover moves the folder away before deleting it: a lock won after it did is stale. */
    if (flock(fd, LOCK_SH) != 0 || fstat(fd, &held) != 0 || stat(path, &now) != 0 ||
        held.st_ino != now.st_ino || held.st_dev != now.st_dev) {
        close(fd);
        return -1;
    }
    return fd;
}

static int is_id(const char *name) {
    if (strlen(name) != ID_CHARS) return 0;
    return strspn(name, "0123456789abcdef") == ID_CHARS;
}

/* Folders of other builds that no client holds, and what unpacking left when it died. */
static void remove_unused(const char *root, const char *id) {
    DIR *dir = opendir(root);
    if (!dir) return;
    struct dirent *entry;
    char path[PATH_MAX], lock_path[PATH_MAX], away[PATH_MAX];
    while ((entry = readdir(dir)) != NULL) {
        const char *name = entry->d_name;
        if (name[0] == '.') {
            /* ".<id>.<pid>": an unpacking, or a removal, whose process is gone */
            const char *dot = strrchr(name, '.');
            long pid = dot && dot != name ? strtol(dot + 1, NULL, 10) : 0;
            if (pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH) {
                join(path, root, name);
                remove_tree(path);
            }
            continue;
        }
        if (!is_id(name) || strcmp(name, id) == 0) continue;
        join(path, root, name);
        join(lock_path, path, IN_USE);
        int lock = open(lock_path, O_RDONLY | O_CLOEXEC);
        if (lock < 0) continue;
        if (flock(lock, LOCK_EX | LOCK_NB) == 0) {
            snprintf(away, sizeof away, "%s/.%s.%ld", root, name, (long)getpid());
            if (rename(path, away) == 0) remove_tree(away);
        }
        close(lock);
    }
    closedir(dir);
}

int main(int argc, char **argv) {
    (void)argc;
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) fail("cannot find this program's file", NULL);
    self[n] = '\0';
    if (payload.length == 0) fail("this launcher carries no client", "installers/pack_client.py");

    char id[ID_CHARS + 1];
    for (int i = 0; i < ID_CHARS; i++) id[i] = payload.id[i];
    id[ID_CHARS] = '\0';
    if (!is_id(id)) fail("the download is damaged", "id");

    char root[PATH_MAX], folder[PATH_MAX], unpacking[PATH_MAX];
    cache_root(root);
    join(folder, root, id);
    int lock = hold(folder);
    if (lock < 0) {
        snprintf(unpacking, sizeof unpacking, "%s/.%s.%ld", root, id, (long)getpid());
        remove_tree(unpacking);
        unpack_into(self, unpacking);
        /* Another start may have finished first: its folder is as good as ours. */
        if (rename(unpacking, folder) != 0) remove_tree(unpacking);
        lock = hold(folder);
        if (lock < 0) fail("cannot use the unpacked client", folder);
    }
    remove_unused(root, id);

    char program[PATH_MAX];
    join(program, folder, CLIENT);
    if (setenv(PROGRAM_ENV, self, 1) != 0) fail("out of memory", NULL);
    argv[0] = program;
    execv(program, argv);
    fail("cannot start the client", program);
    return 1;
}
