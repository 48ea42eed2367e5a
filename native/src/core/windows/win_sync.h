/* Windows named semaphores, mutexes and events, plain C (no JNI): what the JNI glue and the C tests
 * call. Each is opened by ipc4j_win_object_open (name rule, open modes, security, owner check) and
 * released with ipc4j_win_object_close. Results are values or -Windows error codes.
 *
 * Every wait is ipc4j_win_wait on the object plus the cancel events (the object's closed event and
 * the calling thread's wake event), so close and interrupt cut it short. */
#ifndef IPC4J_WIN_SYNC_H
#define IPC4J_WIN_SYNC_H

#include <stdint.h>
#include "ipc4j_win_object.h"
#include "ipc4j_win_wait.h"

/* The most permits a semaphore holds (LONG_MAX). */
#define IPC4J_SEMAPHORE_MAX 0x7FFFFFFFL

/* CreateSemaphoreW / OpenSemaphoreW. initial 0..max, max 1..IPC4J_SEMAPHORE_MAX (only used when
 * created); -ERROR_INVALID_PARAMETER otherwise, before any call. */
int ipc4j_semaphore_open(const char *name, const struct ipc4j_win_open *how, long initial, long max, HANDLE *out,
                         int *created);

/* Adds count permits (ReleaseSemaphore): 0 with *previous set (may be NULL), or -ERROR_TOO_MANY_POSTS
 * when that would pass the maximum (nothing is added). */
int ipc4j_semaphore_release(HANDLE semaphore, long count, long *previous);

/* CreateMutexW (not owned) / OpenMutexW. */
int ipc4j_mutex_open(const char *name, const struct ipc4j_win_open *how, HANDLE *out, int *created);

/* Releases a mutex the calling thread owns: 0, or -ERROR_NOT_OWNER. */
int ipc4j_mutex_release(HANDLE mutex);

/* CreateEventW / OpenEventW: manual_reset stays set until reset; an auto-reset event lets one waiter
 * through per set. initially_set is only used when created. */
int ipc4j_event_open(const char *name, const struct ipc4j_win_open *how, int manual_reset, int initially_set,
                     HANDLE *out, int *created);

int ipc4j_event_reset(HANDLE event);

/* Waits until the object is signalled (a permit taken, a mutex owned, an event set) or the timeout
 * (timeout_ns < 0: none; 0: a poll) passes: 0, IPC4J_WIN_ABANDONED (a mutex is now owned by the
 * caller, its previous owner ended holding it), IPC4J_WIN_TIMEOUT, IPC4J_WIN_CLOSED,
 * IPC4J_WIN_WOKEN, or -error. cancel may be NULL. */
int ipc4j_sync_wait(HANDLE object, const struct ipc4j_cancel *cancel, int64_t timeout_ns);

#endif
