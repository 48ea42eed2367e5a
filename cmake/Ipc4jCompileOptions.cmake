# Compile options shared by every ipc4j C target.
include(CheckCCompilerFlag)

# TLS descriptors (x86-64): in a library loaded by dlopen, a thread-local read is then a load through a
# resolved descriptor instead of a call to __tls_get_addr on every blocking call (measured: ~1% of a
# FIFO write+read). aarch64 uses descriptors already; compilers without the flag keep the default.
if(NOT MSVC)
  check_c_compiler_flag(-mtls-dialect=gnu2 IPC4J_HAVE_TLS_DESCRIPTORS)
endif()

# Strict warnings, hidden symbols: only JNI_OnLoad (JNIEXPORT) leaves the library.
function(ipc4j_strict target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 /WX)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -fvisibility=hidden)
    if(IPC4J_HAVE_TLS_DESCRIPTORS)
      target_compile_options(${target} PRIVATE -mtls-dialect=gnu2)
    endif()
  endif()
endfunction()

# libgcc linked statically where the toolchain allows, so the library needs no libgcc_s at run time.
function(ipc4j_static_runtime target)
  if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
    target_link_options(${target} PRIVATE -static-libgcc)
  endif()
endfunction()

# AddressSanitizer + UBSan for the C tests, where the compiler and host can run them.
function(ipc4j_sanitize target)
  if(IPC4J_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# The full set of the OS's calls (C11 alone hides fchmod, ppoll, dladdr, ...).
if(APPLE)
  add_compile_definitions(_DARWIN_C_SOURCE)
elseif(UNIX)
  add_compile_definitions(_GNU_SOURCE)
endif()
