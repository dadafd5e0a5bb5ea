/* The boundary between select/teg (C, inside slurmctld) and the TEG engine (Java, in a JVM that this
 * plugin starts inside slurmctld). The structs below are mirrored, field by field, by the layouts in
 * io.teg.bridge.Layouts; TEG_ABI_VERSION changes whenever any of them changes, and Bootstrap refuses a
 * mismatch. All integers are host-endian; sizes and offsets are those of x86-64 / aarch64 Linux. */
#ifndef TEG_BRIDGE_H
#define TEG_BRIDGE_H

#include <stdbool.h>
#include <stdint.h>

#include "teg_conf.h"

#define TEG_ABI_VERSION 6u
#define TEG_NODE_NAME_LEN 64
#define TEG_CLASS_LEN 72 /* --teg-class: up to 64 characters and the NUL, padded to 8 bytes */

/* One schedulable node, as slurmctld knows it (88 bytes). */
typedef struct teg_node {
	uint32_t index;            /*  0: index in slurmctld's node table (= bit in node bitmaps) */
	uint32_t cpus;             /*  4: configured CPUs */
	uint64_t real_memory_mb;   /*  8: configured memory, MiB */
	char name[TEG_NODE_NAME_LEN]; /* 16: NUL-terminated node name */
	uint32_t gpus;             /* 80: configured GPUs (Gres=gpu:N in slurm.conf), 0 = none */
	uint32_t reserved;         /* 84: 0 */
} teg_node_t;

/* One job_test question (184 bytes). Java writes up to candidate_count node indexes, best first,
 * into ranked and returns how many it wrote. free_cpus[i] and free_mem_mb[i] are what Slurm counts free
 * on candidates[i] at this call (configured minus what the running jobs' job_resrcs hold, as cons_tres
 * counts it): TEG ranks by them, not by its own bookkeeping. */
typedef struct teg_job_request {
	uint32_t job_id;           /*  0 */
	uint32_t user_id;          /*  4 */
	uint32_t min_nodes;        /*  8 */
	uint32_t max_nodes;        /* 12: 0 = no limit */
	uint32_t req_nodes;        /* 16: desired node count */
	uint32_t min_cpus;         /* 20: CPUs in the whole job */
	uint64_t mem_per_node_mb;  /* 24: MiB per node (0 = unknown) */
	uint32_t time_limit_min;   /* 32: minutes (0xfffffffe/0xffffffff = none) */
	uint32_t priority;         /* 36 */
	uint32_t candidate_count;  /* 40: entries in candidates and capacity of ranked */
	uint32_t flags;            /* 44: TEG_JOB_* */
	const uint32_t *candidates;/* 48: node indexes that Slurm would allow */
	uint32_t *ranked;          /* 56: out: node indexes TEG ranks, best first */
	uint64_t bid_micro_tokens; /* 64: --teg-bid in micro-tokens, 0 = not given */
	uint32_t sla;              /* 72: TEG_SLA_* from --teg-sla */
	uint32_t mem_per_cpu_mb;   /* 76: MiB per CPU (--mem-per-cpu or DefMemPerCPU; 0 = per node or unknown) */
	const uint32_t *free_cpus; /* 80: per candidate, CPUs not allocated to running jobs */
	const uint64_t *free_mem_mb; /* 88: per candidate, MiB not allocated to running jobs */
	char job_class[TEG_CLASS_LEN]; /* 96: NUL-terminated --teg-class, "" = not given */
	const uint32_t *free_gpus; /* 168: per candidate, GPUs not allocated to jobs (slurmctld's GRES state) */
	uint32_t gpus_per_node;    /* 176: GPUs the job asks on each node (--gres=gpu:N, --gpus-per-node), 0 = none */
	uint32_t reserved;         /* 180: 0 */
} teg_job_request_t;

#define TEG_SLA_NONE 0u
#define TEG_SLA_LATENCY 1u
#define TEG_SLA_THROUGHPUT 2u
#define TEG_SLA_BATCH 3u

#define TEG_JOB_WHOLE_NODES 0x1u /* --exclusive: the job takes whole nodes; TEG names a contiguous block */

/* The upcall table that Java hands over once, through teg_bridge_register(). Each function returns
 * >= 0 on success and < 0 on an error (Java caught it and logged it). */
typedef struct teg_upcalls {
	uint32_t abi_version;      /*  0: TEG_ABI_VERSION as Java knows it */
	uint32_t size;             /*  4: sizeof(teg_upcalls_t) as Java laid it out */
	int32_t (*set_nodes)(const teg_node_t *nodes, uint32_t count);             /*  8 */
	int32_t (*job_test)(teg_job_request_t *request);                           /* 16: ranked count */
	int32_t (*job_begin)(uint32_t job_id, uint32_t user_id, const uint32_t *nodes,
			     const uint32_t *cpus, const uint32_t *gpus,
			     uint32_t node_count);                                 /* 24: cpus[i], gpus[i] on nodes[i] */
	int32_t (*job_fini)(uint32_t job_id);                                      /* 32 */
	int32_t (*shutdown)(void);                                                 /* 40 */
	int32_t (*job_outcome)(uint32_t job_id, uint32_t outcome);                 /* 48: TEG_OUTCOME_* */
	int32_t (*drain)(void);  /* 56: deferred work of the last answers and events (the decision log lines);
				  * called by the bridge thread when no question and no event waits */
} teg_upcalls_t;

/* What became of a job_test that TEG answered (or was asked and did not answer in time). */
#define TEG_OUTCOME_USED 1u  /* cons_tres allocated within TEG's ranked nodes */
#define TEG_OUTCOME_UNFIT 2u /* the ranked nodes could not hold the job; cons_tres used every candidate */
#define TEG_OUTCOME_LATE 3u  /* no answer within DecisionTimeout; cons_tres used every candidate */

_Static_assert(sizeof(teg_node_t) == 88, "teg_node_t is 88 bytes in io.teg.bridge.Layouts");
_Static_assert(sizeof(teg_job_request_t) == 184, "teg_job_request_t is 184 bytes in io.teg.bridge.Layouts");
_Static_assert(sizeof(teg_upcalls_t) == 64, "teg_upcalls_t is 64 bytes in io.teg.bridge.Layouts");

/* Called by Java (io.teg.bridge.Bootstrap) with its table. Returns 0, or -1 when the ABI differs. */
int teg_bridge_register(const teg_upcalls_t *table);

/* What select_teg.c asks of the bridge. Never blocks longer than DecisionTimeout. */
int teg_bridge_start(const teg_conf_t *conf);  /* starts the bridge thread; 0 or -1 */
void teg_bridge_stop(void);
void teg_bridge_set_nodes(const teg_node_t *nodes, uint32_t count); /* copies */

/* Asks TEG to rank request->candidates. Returns the ranked count (> 0) or 0 to fall back. */
uint32_t teg_bridge_job_test(teg_job_request_t *request);
void teg_bridge_job_begin(uint32_t job_id, uint32_t user_id, const uint32_t *nodes, const uint32_t *cpus,
			  const uint32_t *gpus,
			  uint32_t node_count);
void teg_bridge_job_fini(uint32_t job_id);
void teg_bridge_job_outcome(uint32_t job_id, uint32_t outcome);

/* For the bridge benchmark only (never called in slurmctld): asks Java on the caller's own thread, with no
 * hand-off and no deadline, and returns what the upcall returned. The baseline of `teg bench bridge`. */
int32_t teg_bridge_job_test_inline(teg_job_request_t *request);
void teg_bridge_drain_inline(void); /* the drain upcall on the caller's thread, after an inline answer */

/* Counters since start: a one-line summary for the log. */
void teg_bridge_log_counters(const char *when);

#endif
