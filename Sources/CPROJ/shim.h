#ifndef SHOWCASE_CPROJ_SHIM_H
#define SHOWCASE_CPROJ_SHIM_H
// PROJ's C API (transformations, CRS metadata) and its geodesic routines (Karney's algorithm).
#include <proj.h>
#include <geodesic.h>
#endif
