/* The Windows x86_64 machine-dependent JNI types, for cross-building the Windows library on a host
 * whose JDK ships only its own platform's jni_md.h. The values are those of the JNI specification
 * for Win64 (the same as every Windows JDK's include/win32/jni_md.h). */
#ifndef _JAVASOFT_JNI_MD_H_
#define _JAVASOFT_JNI_MD_H_

#define JNIEXPORT __declspec(dllexport)
#define JNIIMPORT __declspec(dllimport)
#define JNICALL __stdcall

typedef long jint;
typedef __int64 jlong;
typedef signed char jbyte;

#endif
