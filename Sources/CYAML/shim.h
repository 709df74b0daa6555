#ifndef DROVER_CYAML_SHIM_H
#define DROVER_CYAML_SHIM_H
#include <yaml.h>
#endif
