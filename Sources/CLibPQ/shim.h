#ifndef DROVER_CLIBPQ_SHIM_H
#define DROVER_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
