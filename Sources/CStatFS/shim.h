#ifndef MIGCHECK_CSTATFS_SHIM_H
#define MIGCHECK_CSTATFS_SHIM_H
// fstatfs and struct statfs, which the Swift Glibc module leaves out.
#if defined(__linux__)
#include <sys/vfs.h>
#endif
#endif
