#ifndef MIGCHECK_CLIBYAML_SHIM_H
#define MIGCHECK_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
