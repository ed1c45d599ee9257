/* fuzz_comtrade — libFuzzer target: UN Comtrade CSV import (see import_target.h). */
#define FUZZ_FORMAT AEX_FORMAT_COMTRADE
#include "import_target.h"
