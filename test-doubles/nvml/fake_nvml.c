/*
 * A fake libnvidia-ml.so.1 for tests: the NVML entry points that TEG binds, backed by GPUs held in memory, with
 * NVML's own return codes. It is configured from the environment variable TEG_FAKE_NVML at the first nvmlInit_v2,
 * or at any time through fake_nvml_configure (tests call it through the same FFM linker), e.g.
 *
 *   TEG_FAKE_NVML="gpus=2,min_mw=100000,max_mw=300000,limit_mw=250000,power_mw=120000,temp_c=55,util=40"
 *
 * Keys: gpus (count, at most 16), min_mw/max_mw (limit constraints), limit_mw (enforced limit at start),
 * power_mw, temp_c, util (percent, GPU and memory), no_permission (1: setting a limit gives NO_PERMISSION, as for a
 * non-root caller), unsupported_gpu (index whose power management reports NOT_SUPPORTED; -1 for none).
 * Per-GPU power can be changed with "power_mw.<index>=<mW>" and utilisation with "util.<index>=<percent>".
 *
 * Limits set through nvmlDeviceSetPowerManagementLimit persist across nvmlShutdown/nvmlInit_v2 within the
 * process, as they persist in the driver on a real machine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int nvmlReturn_t;
enum {
    NVML_SUCCESS = 0,
    NVML_ERROR_UNINITIALIZED = 1,
    NVML_ERROR_INVALID_ARGUMENT = 2,
    NVML_ERROR_NOT_SUPPORTED = 3,
    NVML_ERROR_NO_PERMISSION = 4,
    NVML_ERROR_NOT_FOUND = 6,
    NVML_ERROR_UNKNOWN = 999
};

typedef struct {
    unsigned int gpu;
    unsigned int memory;
} nvmlUtilization_t;

struct fake_gpu {
    int index;
    unsigned int min_mw, max_mw, limit_mw, default_mw, power_mw, temp_c, util;
};
typedef struct fake_gpu *nvmlDevice_t;

#define MAX_GPUS 16
static struct fake_gpu gpus[MAX_GPUS];
static int gpu_count;
static int configured;
static int init_count;
static int no_permission;
static int unsupported_gpu = -1;
static unsigned long set_calls;

static void defaults(void) {
    gpu_count = 1;
    no_permission = 0;
    unsupported_gpu = -1;
    set_calls = 0;
    for (int i = 0; i < MAX_GPUS; i++) {
        gpus[i] = (struct fake_gpu) { i, 100000, 300000, 250000, 250000, 120000, 55, 40 };
    }
}

/* Applies "key=value,key=value"; returns 0, or -1 for an unknown key or a bad value (nothing half-applied matters
 * to tests: they fail on -1). */
int fake_nvml_configure(const char *spec) {
    defaults();
    configured = 1;
    if (spec == NULL) return 0;
    char *copy = strdup(spec);
    int rc = 0;
    for (char *tok = strtok(copy, ","); tok != NULL; tok = strtok(NULL, ",")) {
        char *eq = strchr(tok, '=');
        if (eq == NULL) { rc = -1; break; }
        *eq = '\0';
        char *end;
        long v = strtol(eq + 1, &end, 10);
        if (*end != '\0') { rc = -1; break; }
        const char *key = tok;
        int idx = -1;
        char *dot = strchr(tok, '.');
        if (dot != NULL) { *dot = '\0'; idx = atoi(dot + 1); if (idx < 0 || idx >= MAX_GPUS) { rc = -1; break; } }
        for (int i = 0; i < MAX_GPUS; i++) {
            if (idx >= 0 && i != idx) continue;
            if (!strcmp(key, "min_mw")) gpus[i].min_mw = (unsigned) v;
            else if (!strcmp(key, "max_mw")) gpus[i].max_mw = (unsigned) v;
            else if (!strcmp(key, "limit_mw")) gpus[i].limit_mw = gpus[i].default_mw = (unsigned) v;
            else if (!strcmp(key, "power_mw")) gpus[i].power_mw = (unsigned) v;
            else if (!strcmp(key, "temp_c")) gpus[i].temp_c = (unsigned) v;
            else if (!strcmp(key, "util")) gpus[i].util = (unsigned) v;
            else if (idx < 0 && !strcmp(key, "gpus")) { if (v < 0 || v > MAX_GPUS) rc = -1; else gpu_count = (int) v; }
            else if (idx < 0 && !strcmp(key, "no_permission")) no_permission = (int) v;
            else if (idx < 0 && !strcmp(key, "unsupported_gpu")) unsupported_gpu = (int) v;
            else { rc = -1; }
        }
        if (rc != 0) break;
    }
    free(copy);
    return rc;
}

/* How many times a limit was set successfully since the last configuration (tests check dry-run with it). */
unsigned long fake_nvml_set_calls(void) { return set_calls; }

nvmlReturn_t nvmlInit_v2(void) {
    if (!configured && fake_nvml_configure(getenv("TEG_FAKE_NVML")) != 0) return NVML_ERROR_UNKNOWN;
    init_count++;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlShutdown(void) {
    if (init_count == 0) return NVML_ERROR_UNINITIALIZED;
    init_count--;
    return NVML_SUCCESS;
}

static nvmlReturn_t check(nvmlDevice_t d) {
    if (init_count == 0) return NVML_ERROR_UNINITIALIZED;
    if (d == NULL || d < gpus || d >= gpus + gpu_count) return NVML_ERROR_INVALID_ARGUMENT;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) {
    if (init_count == 0) return NVML_ERROR_UNINITIALIZED;
    if (count == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    *count = (unsigned) gpu_count;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    if (init_count == 0) return NVML_ERROR_UNINITIALIZED;
    if (device == NULL || index >= (unsigned) gpu_count) return NVML_ERROR_INVALID_ARGUMENT;
    *device = &gpus[index];
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t d, unsigned int *power) {
    nvmlReturn_t rc = check(d);
    if (rc != NVML_SUCCESS) return rc;
    if (power == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    if (d->index == unsupported_gpu) return NVML_ERROR_NOT_SUPPORTED;
    *power = d->power_mw < d->limit_mw ? d->power_mw : d->limit_mw;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t d, int sensor, unsigned int *temp) {
    nvmlReturn_t rc = check(d);
    if (rc != NVML_SUCCESS) return rc;
    if (temp == NULL || sensor != 0) return NVML_ERROR_INVALID_ARGUMENT;
    *temp = d->temp_c;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t d, nvmlUtilization_t *u) {
    nvmlReturn_t rc = check(d);
    if (rc != NVML_SUCCESS) return rc;
    if (u == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    u->gpu = d->util;
    u->memory = d->util;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPowerManagementLimitConstraints(nvmlDevice_t d, unsigned int *min, unsigned int *max) {
    nvmlReturn_t rc = check(d);
    if (rc != NVML_SUCCESS) return rc;
    if (min == NULL || max == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    if (d->index == unsupported_gpu) return NVML_ERROR_NOT_SUPPORTED;
    *min = d->min_mw;
    *max = d->max_mw;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t d, unsigned int *limit) {
    nvmlReturn_t rc = check(d);
    if (rc != NVML_SUCCESS) return rc;
    if (limit == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    if (d->index == unsupported_gpu) return NVML_ERROR_NOT_SUPPORTED;
    *limit = d->limit_mw;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceSetPowerManagementLimit(nvmlDevice_t d, unsigned int limit) {
    nvmlReturn_t rc = check(d);
    if (rc != NVML_SUCCESS) return rc;
    if (d->index == unsupported_gpu) return NVML_ERROR_NOT_SUPPORTED;
    if (no_permission) return NVML_ERROR_NO_PERMISSION;
    if (limit < d->min_mw || limit > d->max_mw) return NVML_ERROR_INVALID_ARGUMENT;
    d->limit_mw = limit;
    set_calls++;
    return NVML_SUCCESS;
}

const char *nvmlErrorString(nvmlReturn_t r) {
    switch (r) {
    case NVML_SUCCESS: return "Success";
    case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
    case NVML_ERROR_INVALID_ARGUMENT: return "Invalid Argument";
    case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
    case NVML_ERROR_NO_PERMISSION: return "Insufficient Permissions";
    case NVML_ERROR_NOT_FOUND: return "Not Found";
    default: return "Unknown Error";
    }
}
