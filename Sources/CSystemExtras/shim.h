#ifndef MIGCHECK_CSYSTEMEXTRAS_SHIM_H
#define MIGCHECK_CSYSTEMEXTRAS_SHIM_H
// What the Swift Glibc module leaves out: fstatfs and struct statfs (the registry walk),
// mallopt (the CLI's memory policy).
#if defined(__linux__)
#include <sys/vfs.h>
#include <malloc.h>
#endif
#endif
