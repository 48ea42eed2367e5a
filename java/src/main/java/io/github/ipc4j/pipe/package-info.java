/**
 * Named pipes (FIFOs) on Linux and macOS ({@code mkfifo}): {@link io.github.ipc4j.pipe.Fifo} creates and
 * deletes them and opens either end, {@link io.github.ipc4j.pipe.FifoReader} and
 * {@link io.github.ipc4j.pipe.FifoWriter} are the ends, as NIO byte channels. Windows has its own named pipes,
 * in {@link io.github.ipc4j.windows}.
 */
package io.github.ipc4j.pipe;
