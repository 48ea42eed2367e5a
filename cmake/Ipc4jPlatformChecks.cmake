# What the target OS has, found by checking, not guessed from its name. Each found feature becomes
# a definition IPC4J_HAVE_<NAME>=1 for the C core, and the JNI layer reports the same facts to Java.
include(CheckSymbolExists)
include(CMakePushCheckState)

set(IPC4J_PLATFORM_DEFINITIONS "")
set(IPC4J_PLATFORM_LIBRARIES "")

if(NOT WIN32)
  find_library(IPC4J_LIBRT rt)
  if(IPC4J_LIBRT)
    list(APPEND IPC4J_PLATFORM_LIBRARIES ${IPC4J_LIBRT})
  endif()
  find_package(Threads REQUIRED)
  list(APPEND IPC4J_PLATFORM_LIBRARIES Threads::Threads ${CMAKE_DL_LIBS})
endif()

# ipc4j_check(NAME symbol header...): defines IPC4J_HAVE_NAME when the symbol links.
function(ipc4j_check name symbol)
  cmake_push_check_state(RESET)
  set(CMAKE_REQUIRED_DEFINITIONS -D_GNU_SOURCE -D_DARWIN_C_SOURCE)
  set(CMAKE_REQUIRED_LIBRARIES ${IPC4J_PLATFORM_LIBRARIES})
  check_symbol_exists(${symbol} "${ARGN}" IPC4J_HAVE_${name})
  cmake_pop_check_state()
  if(IPC4J_HAVE_${name})
    set(IPC4J_PLATFORM_DEFINITIONS ${IPC4J_PLATFORM_DEFINITIONS} IPC4J_HAVE_${name}=1 PARENT_SCOPE)
  endif()
endfunction()

if(NOT WIN32)
  ipc4j_check(POSIX_MQ mq_timedreceive "mqueue.h;time.h")
  ipc4j_check(MQ_NOTIFY mq_notify "mqueue.h;signal.h")
  ipc4j_check(EVENTFD eventfd "sys/eventfd.h")
  ipc4j_check(PPOLL ppoll "poll.h;signal.h")
  ipc4j_check(PIPE2 pipe2 "unistd.h;fcntl.h")
  ipc4j_check(SEM_TIMEDWAIT sem_timedwait "semaphore.h;time.h")
  ipc4j_check(SEMTIMEDOP semtimedop "sys/types.h;sys/ipc.h;sys/sem.h")
  ipc4j_check(ROBUST_MUTEX pthread_mutexattr_setrobust "pthread.h")
  ipc4j_check(POSIX_FALLOCATE posix_fallocate "fcntl.h")
  # a per-thread timer (Linux: SIGEV_THREAD_ID) ends blocking calls that take no timeout
  ipc4j_check(THREAD_TIMER SIGEV_THREAD_ID "signal.h;time.h")
endif()
