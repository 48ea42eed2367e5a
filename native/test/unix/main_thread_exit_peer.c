/*
 * A process whose main thread ends (pthread_exit) while another of its threads runs on: Linux then shows the
 * main thread as a zombie though the process lives. Prints its pid, then lives for the seconds given
 * (default 600). For ChannelPeersTest: such a process is alive.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *live_on(void *seconds)
{
    sleep((unsigned) (size_t) seconds);
    return NULL;
}

int main(int argc, char **argv)
{
    size_t seconds = argc > 1 ? (size_t) strtoul(argv[1], NULL, 10) : 600;
    pthread_t thread;
    if (pthread_create(&thread, NULL, live_on, (void *) seconds) != 0) {
        return 1;
    }
    printf("%ld\n", (long) getpid());
    fflush(stdout);
    pthread_exit(NULL);
}
