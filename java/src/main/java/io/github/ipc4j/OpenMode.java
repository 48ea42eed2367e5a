package io.github.ipc4j;

/** How an open call treats a named object that does or does not exist yet. */
public enum OpenMode {
    /** Create the object; fail with FileAlreadyExistsException if it exists (O_CREAT | O_EXCL). */
    CREATE_NEW,
    /** Open the object; fail with NoSuchFileException if it does not exist. */
    OPEN_EXISTING,
    /** Open the object, creating it if it does not exist (O_CREAT). */
    OPEN_OR_CREATE
}
