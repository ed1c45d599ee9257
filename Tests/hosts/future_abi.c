/* A stand-in for a future libautoexports that provides only ABI major 2: hosts written
** for ABI 1 must refuse it with a clear error (Tests/python/test_plugin_host.py). */
#include <stdint.h>
#include <stddef.h>

static const char *message = "";

const void *aex_get_api(int32_t abi_major) {
    message = abi_major == 2 ? "" : "aex_get_api: ABI major 1 is not provided by this library (it provides 2)";
    return NULL;
}
int32_t aex_abi_version(void) { return 2; }
const char *aex_last_error_message(void) { return message; }
