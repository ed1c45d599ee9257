/* fuzz_tidy_csv — libFuzzer target: tidy CSV import (see import_target.h). */
#define FUZZ_FORMAT AEX_FORMAT_TIDY
#include "import_target.h"
