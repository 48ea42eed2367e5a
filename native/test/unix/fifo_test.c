/* The plain C core of FIFOs, against the real kernel. */
#include "ipc4j_test.h"
#include "fifo.h"
#include "ipc4j_fd.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[256];

/* a string of its own for each of the last 16 calls: a test holds a few paths at once */
static const char *path_in_dir(const char *name)
{
    static char paths[16][512];
    static unsigned next;
    char *buf = paths[next++ % 16];
    snprintf(buf, sizeof paths[0], "%s/%s", dir, name);
    return buf;
}

static void test_create_mode_and_delete(void)
{
    mode_t old = umask(0);
    const char *path = path_in_dir("a");
    CHECK_EQ(0, ipc4j_fifo_create(path, 0600));
    struct stat st;
    CHECK_EQ(0, lstat(path, &st));
    CHECK(S_ISFIFO(st.st_mode));
    CHECK_EQ(0600, st.st_mode & 0777);
    CHECK_EQ(-EEXIST, ipc4j_fifo_create(path, 0600));
    umask(077);
    CHECK_EQ(0, ipc4j_fifo_create(path_in_dir("b"), 0644));
    CHECK_EQ(0, lstat(path_in_dir("b"), &st));
    CHECK_EQ(0644, st.st_mode & 0777);
    umask(old);
    CHECK_EQ(0, ipc4j_fifo_delete(path_in_dir("b")));
    CHECK_EQ(0, ipc4j_fifo_delete(path));
    CHECK_EQ(-ENOENT, ipc4j_fifo_delete(path));
    CHECK_EQ(-ENOENT, ipc4j_fifo_create(path_in_dir("missing/x"), 0600));
}

static void test_refuses_what_is_not_a_fifo(void)
{
    const char *file = path_in_dir("regular");
    int fd = open(file, O_CREAT | O_WRONLY, 0600);
    CHECK(fd >= 0);
    close(fd);
    CHECK_EQ(IPC4J_FIFO_NOT_A_FIFO, ipc4j_fifo_open(file, 0));
    CHECK_EQ(IPC4J_FIFO_NOT_A_FIFO, ipc4j_fifo_delete(file));
    CHECK_EQ(0, ipc4j_fifo_create(path_in_dir("real"), 0600));
    const char *link_path = path_in_dir("link");
    CHECK_EQ(0, symlink(path_in_dir("real"), link_path));
    CHECK_EQ(-ELOOP, ipc4j_fifo_open(link_path, 0));
    CHECK_EQ(IPC4J_FIFO_NOT_A_FIFO, ipc4j_fifo_delete(link_path));
    unlink(link_path);
    unlink(file);
    ipc4j_fifo_delete(path_in_dir("real"));
}

static void test_open_read_write_eof_and_broken_pipe(void)
{
    const char *path = path_in_dir("rw");
    CHECK_EQ(0, ipc4j_fifo_create(path, 0600));
    CHECK_EQ(-ENXIO, ipc4j_fifo_open(path, 1));
    int reader = ipc4j_fifo_open(path, 0);
    CHECK(reader >= 0);
    CHECK((fcntl(reader, F_GETFD) & FD_CLOEXEC) != 0);
    CHECK((fcntl(reader, F_GETFL) & O_NONBLOCK) != 0);
    char buf[PIPE_BUF];
    /* no writer has come yet: end of stream is not "hung up" */
    CHECK_EQ(0, ipc4j_fifo_read(reader, buf, sizeof buf));
    CHECK_EQ(0, ipc4j_fifo_hung_up(reader));
    int writer = ipc4j_fifo_open(path, 1);
    CHECK(writer >= 0);
    CHECK_EQ(IPC4J_FIFO_WOULD_BLOCK, ipc4j_fifo_read(reader, buf, sizeof buf));
    CHECK_EQ(5, ipc4j_fifo_write(writer, "hello", 5, 0));
    CHECK_EQ(5, ipc4j_fifo_read(reader, buf, sizeof buf));
    /* fill the pipe: a PIPE_BUF write is all or nothing */
    memset(buf, 'x', sizeof buf);
    long n;
    long total = 0;
    while ((n = ipc4j_fifo_write(writer, buf, sizeof buf, 0)) > 0) {
        CHECK_EQ(PIPE_BUF, n);
        total += n;
    }
    CHECK_EQ(IPC4J_FIFO_WOULD_BLOCK, n);
    CHECK(total > 0);
    CHECK_EQ(0, ipc4j_fifo_close(writer));
    while (ipc4j_fifo_read(reader, buf, sizeof buf) > 0) {
    }
    CHECK_EQ(1, ipc4j_fifo_hung_up(reader));
    CHECK_EQ(0, ipc4j_fifo_read(reader, buf, sizeof buf));

    /* the reader leaves: the writer gets EPIPE, guarded or not, and lives */
    writer = -1;
    int r2 = ipc4j_fifo_open(path, 0);
    writer = ipc4j_fifo_open(path, 1);
    CHECK(writer >= 0);
    ipc4j_fifo_close(r2);
    ipc4j_fifo_close(reader);
    struct sigaction dfl, old;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGPIPE, &dfl, &old);
    CHECK_EQ(1, ipc4j_sigpipe_kills());
    CHECK_EQ(-EPIPE, ipc4j_fifo_write(writer, "x", 1, 1));
    sigset_t pending;
    sigpending(&pending);
    CHECK(!sigismember(&pending, SIGPIPE));
    sigaction(SIGPIPE, &old, NULL);
    ipc4j_fifo_close(writer);
    ipc4j_fifo_delete(path);
}

/* the twin is the same FIFO in blocking mode, while the first descriptor stays non-blocking */
static void test_twin_is_a_blocking_description_of_the_same_fifo(void)
{
    const char *path = path_in_dir("twin");
    CHECK_EQ(0, ipc4j_fifo_create(path, 0600));
    int reader = ipc4j_fifo_open(path, 0);
    CHECK(reader >= 0);
    int twin = ipc4j_fifo_open_twin(reader, path);
    CHECK(twin >= 0);
    CHECK((fcntl(twin, F_GETFD) & FD_CLOEXEC) != 0);
    CHECK_EQ(O_RDONLY, fcntl(twin, F_GETFL) & O_ACCMODE);
    CHECK_EQ(0, fcntl(twin, F_GETFL) & O_NONBLOCK);
    CHECK((fcntl(reader, F_GETFL) & O_NONBLOCK) != 0);
    int writer = ipc4j_fifo_open(path, 1);
    CHECK(writer >= 0);
    char buf[8];
    CHECK_EQ(4, ipc4j_fifo_write(writer, "abcd", 4, 0));
    CHECK_EQ(2, read(twin, buf, 2)); /* one pipe: what one description reads, the other does not */
    CHECK_EQ(2, ipc4j_fifo_read(reader, buf, sizeof buf));
    CHECK_EQ(0, memcmp(buf, "cd", 2));
    CHECK_EQ(IPC4J_FIFO_WOULD_BLOCK, ipc4j_fifo_read(reader, buf, sizeof buf));
    int write_twin = ipc4j_fifo_open_twin(writer, path);
    CHECK(write_twin >= 0);
    CHECK_EQ(O_WRONLY, fcntl(write_twin, F_GETFL) & O_ACCMODE);
    CHECK_EQ(-EBADF, ipc4j_fifo_open_twin(-1, path));
    ipc4j_fifo_close(write_twin);
    ipc4j_fifo_close(writer);
    ipc4j_fifo_close(twin);
    ipc4j_fifo_close(reader);
    ipc4j_fifo_delete(path);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/ipc4j-fifo-test-XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    test_create_mode_and_delete();
    test_refuses_what_is_not_a_fifo();
    test_open_read_write_eof_and_broken_pipe();
    test_twin_is_a_blocking_description_of_the_same_fifo();
    rmdir(dir);
    CHECK_EQ(PIPE_BUF, ipc4j_fifo_pipe_buf());
    printf("fifo_test: all passed\n");
    return 0;
}
