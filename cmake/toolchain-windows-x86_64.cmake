# Cross-builds the Windows x86_64 library and C tests with Debian's mingw-w64 (gcc-mingw-w64-x86-64);
# ctest runs the test programs under Wine (a 64-bit .exe runs with `wine`).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(IPC4J_MINGW_PREFIX x86_64-w64-mingw32)
find_program(CMAKE_C_COMPILER NAMES ${IPC4J_MINGW_PREFIX}-gcc-win32 ${IPC4J_MINGW_PREFIX}-gcc REQUIRED)
# libgcc linked in, so neither the DLL nor the test programs need libgcc_s_seh-1.dll beside them
set(CMAKE_EXE_LINKER_FLAGS_INIT -static-libgcc)
set(CMAKE_SHARED_LINKER_FLAGS_INIT -static-libgcc)
find_program(CMAKE_RC_COMPILER NAMES ${IPC4J_MINGW_PREFIX}-windres)
set(CMAKE_FIND_ROOT_PATH /usr/${IPC4J_MINGW_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

find_program(IPC4J_WINE NAMES wine wine64)
if(IPC4J_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${IPC4J_WINE})
endif()

# The host JDK's jni.h, with our win32/jni_md.h beside it: a Linux JDK ships no Windows jni_md.h.
if(NOT IPC4J_JNI_INCLUDE_DIRS)
  set(_java_home "$ENV{JAVA_HOME}")
  find_path(IPC4J_HOST_JNI_H jni.h HINTS "${IPC4J_JAVA_HOME}/include" "${_java_home}/include"
            /usr/lib/jvm/default-java/include NO_CMAKE_FIND_ROOT_PATH)
  if(IPC4J_HOST_JNI_H)
    set(IPC4J_JNI_INCLUDE_DIRS "${IPC4J_HOST_JNI_H}" "${CMAKE_CURRENT_LIST_DIR}/jni/win32" CACHE STRING
        "jni.h of the host JDK and ipc4j's own jni_md.h for Windows")
  endif()
endif()
