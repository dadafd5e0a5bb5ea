/* teg.conf: the select/teg settings, read once at start-up from the file beside slurm.conf.
 * Slurm style: one Key=Value per line, CamelCase keys (case-insensitive), '#' starts a comment.
 * Every key, its default and unit are listed in docs/teg-conf.md. */
#ifndef TEG_CONF_H
#define TEG_CONF_H

#include <stdbool.h>
#include <stdint.h>

#define TEG_CONF_ERR_LEN 512

typedef struct {
	bool enabled;              /* Enabled: call TEG at all (no = pure cons_tres) */
	uint32_t decision_timeout_us; /* DecisionTimeout, given in ms (fractions allowed), kept in us */
	char *java_home;           /* JavaHome: JDK 25+ home; libjvm is JavaHome/lib/server/libjvm.so */
	char *jvm_path;            /* JvmPath: libjvm.so itself (overrides JavaHome) */
	char *class_path;          /* ClassPath: teg.jar; the lib/ directory beside it is added */
	uint32_t jvm_heap_mb;      /* JvmHeap: -Xmx, MiB */
	char *jvm_options;         /* JvmOptions: extra JVM options, space-separated */
	char *decision_log;        /* DecisionLog: path of the decision log */
	char *grid_client_config;  /* GridClientConfig: teg-client.yaml; NULL = the local ledger only */
	int java_suspend_signal;   /* JavaSuspendSignal: _JAVA_SR_SIGNUM, a real-time signal */
	uint32_t fallback_log_interval_s; /* FallbackLogInterval: s between fallback log lines */
	uint32_t handoff_poll_us;  /* HandOffPoll, given in ms (fractions allowed), kept in us: how long the bridge
				    * thread polls for the next question after each piece of work before it sleeps */
} teg_conf_t;

/* Fills conf with the defaults. state_save_dir may be NULL. */
void teg_conf_defaults(teg_conf_t *conf, const char *state_save_dir);

/* Reads path over the defaults already in conf. A missing file is not an error (*found = false).
 * Returns 0, or -1 with "file:line: reason" in err. */
int teg_conf_read(teg_conf_t *conf, const char *path, bool *found, char *err, int err_len);

/* The path of teg.conf beside the given slurm.conf path. Caller frees. */
char *teg_conf_path_beside(const char *slurm_conf_path);

void teg_conf_free(teg_conf_t *conf);

#endif
