/* fuzz_wide_csv — libFuzzer target: wide CSV import (see import_target.h). */
#define FUZZ_FORMAT AEX_FORMAT_WIDE
#include "import_target.h"
