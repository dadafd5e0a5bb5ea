/*
 * memhog: a stand-in job whose resident memory grows step by step, for the node agent's integration tests.
 *
 *   memhog TARGET_MIB STEP_MIB STEP_MS HOLD_MS
 *
 * Waits for one byte on standard input (so that the caller can move it into a cgroup before it allocates), then
 * allocates STEP_MIB MiB every STEP_MS milliseconds, touching every page, until TARGET_MIB MiB are resident;
 * holds them for HOLD_MS milliseconds, checks that every page still holds what was written (so that a test can
 * push the pages out to swap and back and see them intact) and exits 0. Every 4 KiB page holds its own number in its
 * first 8 bytes and a byte derived from it in the rest. Prints "grown N" after each step and "done" at the end.
 * Exits 2 on bad arguments, 3 when malloc fails, 4 when a page does not hold what was written.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096

static long arg(const char *s, const char *name) {
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < 0) {
        fprintf(stderr, "memhog: %s must be a non-negative integer, got '%s'\n", name, s);
        exit(2);
    }
    return v;
}

static void sleep_ms(long ms) {
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0) {
    }
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: memhog TARGET_MIB STEP_MIB STEP_MS HOLD_MS\n");
        return 2;
    }
    long target = arg(argv[1], "TARGET_MIB");
    long step = arg(argv[2], "STEP_MIB");
    long step_ms = arg(argv[3], "STEP_MS");
    long hold_ms = arg(argv[4], "HOLD_MS");
    if (step == 0) {
        fprintf(stderr, "memhog: STEP_MIB must be positive\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    char go;
    if (read(0, &go, 1) < 0) {
        perror("memhog: read");
        return 2;
    }
    long grown = 0;
    long chunks = (target + step - 1) / step;
    char **chunk = calloc((size_t) (chunks > 0 ? chunks : 1), sizeof(char *));
    long *chunk_mib = calloc((size_t) (chunks > 0 ? chunks : 1), sizeof(long));
    if (chunk == NULL || chunk_mib == NULL) return 3;
    uint64_t page = 0;
    long c = 0;
    while (grown < target) {
        long n = step < target - grown ? step : target - grown;
        char *p = malloc((size_t) n << 20);
        if (p == NULL) {
            fprintf(stderr, "memhog: malloc of %ld MiB failed at %ld MiB\n", n, grown);
            return 3;
        }
        for (size_t off = 0; off < ((size_t) n << 20); off += PAGE, page++) {
            memset(p + off, (int) (page * 31 + 7) & 0xff, PAGE);
            memcpy(p + off, &page, sizeof page);
        }
        chunk[c] = p;
        chunk_mib[c++] = n;
        grown += n;
        printf("grown %ld\n", grown);
        sleep_ms(step_ms);
    }
    sleep_ms(hold_ms);
    page = 0;
    for (long i = 0; i < c; i++) {
        for (size_t off = 0; off < ((size_t) chunk_mib[i] << 20); off += PAGE, page++) {
            uint64_t seen;
            memcpy(&seen, chunk[i] + off, sizeof seen);
            unsigned char fill = (unsigned char) ((page * 31 + 7) & 0xff);
            if (seen != page || (unsigned char) chunk[i][off + 8] != fill || (unsigned char) chunk[i][off + PAGE - 1] != fill) {
                fprintf(stderr, "memhog: page %llu does not hold what was written\n", (unsigned long long) page);
                return 4;
            }
        }
    }
    printf("done\n");
    return 0;
}
