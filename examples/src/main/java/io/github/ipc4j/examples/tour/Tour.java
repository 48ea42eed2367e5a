package io.github.ipc4j.examples.tour;

import java.nio.ByteBuffer;

/**
 * README's tour, compiled: the snippets README shows are the regions between {@code // tour:begin ID} and
 * {@code // tour:end ID} in this package (and aeron's tests); ci/ReadmeTour.java fails the build when README
 * differs. The methods are compiled, not run: what they do is tested where the library is.
 */
final class Tour {
    private Tour() {}

    /** What the snippets call "repair": fix what a lock holder that died left half done. */
    static void repair(ByteBuffer guarded) {
        guarded.putLong(0, 0);
    }

}
