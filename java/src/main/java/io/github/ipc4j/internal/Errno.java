package io.github.ipc4j.internal;

/** The platform's errno values that the Java side acts on (-1 where the platform has none). */
public final class Errno {
    public static final int EPERM = value("EPERM");
    public static final int ENOENT = value("ENOENT");
    public static final int EINTR = value("EINTR");
    public static final int EAGAIN = value("EAGAIN");
    public static final int ENOMEM = value("ENOMEM");
    public static final int EACCES = value("EACCES");
    public static final int EBUSY = value("EBUSY");
    public static final int EEXIST = value("EEXIST");
    public static final int EINVAL = value("EINVAL");
    public static final int ENFILE = value("ENFILE");
    public static final int EMFILE = value("EMFILE");
    public static final int ENOSPC = value("ENOSPC");
    public static final int EFBIG = value("EFBIG");
    public static final int EPIPE = value("EPIPE");
    public static final int ERANGE = value("ERANGE");
    public static final int ENAMETOOLONG = value("ENAMETOOLONG");
    public static final int ENOSYS = value("ENOSYS");
    public static final int EIDRM = value("EIDRM");
    public static final int ENOMSG = value("ENOMSG");
    public static final int EMSGSIZE = value("EMSGSIZE");
    public static final int ETIMEDOUT = value("ETIMEDOUT");
    public static final int EOVERFLOW = value("EOVERFLOW");
    public static final int ENXIO = value("ENXIO");
    public static final int EBADF = value("EBADF");
    public static final int ELOOP = value("ELOOP");
    public static final int ENOTDIR = value("ENOTDIR");
    public static final int EOWNERDEAD = value("EOWNERDEAD");
    public static final int ENOTRECOVERABLE = value("ENOTRECOVERABLE");
    public static final int EDEADLK = value("EDEADLK");
    public static final int E2BIG = value("E2BIG");
    public static final int EFAULT = value("EFAULT");

    private Errno() {}

    private static int value(String name) {
        return NativeCommon.errnoValue(name);
    }

    /** "EAGAIN", or "errno 1234" for a value not in the library's table. */
    public static String name(int errno) {
        String name = NativeCommon.errnoName(errno);
        return name != null ? name : "errno " + errno;
    }

    /** The OS's text for the errno. */
    public static String text(int errno) {
        return NativeCommon.errnoText(errno);
    }
}
