/* teg_bridge_bench: the latency that select/teg adds to a job_test, measured on the bridge alone.
 *
 * The program links the plugin's own teg_bridge.c and teg_conf.c, starts the JVM and the TEG engine
 * through them exactly as slurmctld does (dlopen of libjvm, the JNI bootstrap, the upcall table), hands
 * them a node table, and asks job_test questions shaped like the benchmark bursts of `teg bench slurm`:
 * one-CPU jobs (the one-node ranking) and 4-node jobs (the engine's walk). After each answer it posts
 * the job_outcome and job_begin events that slurmctld posts, and a job_fini for a job started earlier,
 * so that the bridge thread has the same work between questions as inside slurmctld.
 *
 * Per question shape, in one run:
 *   inline         the upcall on this thread: no hand-off, no deadline (the baseline); this thread is
 *                  attached to the JVM once, as the bridge thread is, so that no call pays an attach;
 *   inline-paced   the same, one question every GAP microseconds (the baseline of paced: caches
 *                  grow cold between questions whichever thread answers);
 *   back-to-back   through teg_bridge_job_test, the next question as soon as the answer is in;
 *   paced          through teg_bridge_job_test, one question every GAP microseconds (slurmctld's
 *                  scheduling loop asks every few milliseconds while it launches the jobs it placed).
 * Each line of stdout is one JSON object: shape, mode, calls, answered and the latency percentiles in
 * microseconds over the answered calls, timed on this side around the call. `teg bench bridge` runs this program and writes the ratios.
 *
 * usage: teg_bridge_bench CLASS_PATH DECISION_LOG HANDOFF_POLL_MS GAP_US CALLS [NODES]
 */
#include "src/common/slurm_xlator.h"

#include <dlfcn.h>
#include <inttypes.h>
#include <jni.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "src/common/log.h"

#include "teg_bridge.h"
#include "teg_conf.h"

#define NODE_CPUS 32
#define NODE_MEM_MB 8192

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t) ts.tv_sec * 1000000000ull + (uint64_t) ts.tv_nsec;
}

static void sleep_until(uint64_t t)
{
	struct timespec ts = { .tv_sec = (time_t) (t / 1000000000ull), .tv_nsec = (long) (t % 1000000000ull) };
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL))
		;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;
	return x < y ? -1 : x > y;
}

/* percentiles over the n answered calls of `calls` */
static void report(const char *shape, const char *mode, uint64_t *ns, uint32_t n, uint32_t calls,
		   double poll_ms, uint32_t gap_us)
{
	double sum = 0;
	qsort(ns, n, sizeof(uint64_t), cmp_u64);
	for (uint32_t i = 0; i < n; i++)
		sum += (double) ns[i];
	printf("{\"shape\":\"%s\",\"mode\":\"%s\",\"calls\":%u,\"answered\":%u,\"handoff_poll_ms\":%.3f,"
	       "\"gap_us\":%u,\"p50_us\":%.2f,\"p90_us\":%.2f,\"p99_us\":%.2f,\"max_us\":%.2f,\"mean_us\":%.2f}\n",
	       shape, mode, calls, n, poll_ms, gap_us, ns[(n - 1) / 2] / 1000.0,
	       ns[(uint32_t) ((n - 1) * 0.90)] / 1000.0, ns[(uint32_t) ((n - 1) * 0.99)] / 1000.0,
	       ns[n - 1] / 1000.0, n ? sum / n / 1000.0 : 0.0);
	fflush(stdout);
}

/* Asks `calls` questions of `nodes_wanted` nodes; mode 0 inline, 1 through the bridge. Every answer
 * is followed by the events slurmctld posts; each job ends `keep` jobs later. */
static void run(const char *shape, uint32_t nodes_wanted, int through_bridge, uint32_t gap_us, uint32_t calls,
		uint32_t node_count, double poll_ms, uint32_t *next_job)
{
	uint32_t *candidates = xcalloc(node_count, sizeof(uint32_t));
	uint32_t *ranked = xcalloc(node_count, sizeof(uint32_t));
	uint32_t *free_cpus = xcalloc(node_count, sizeof(uint32_t));
	uint64_t *free_mem = xcalloc(node_count, sizeof(uint64_t));
	uint32_t *cpus = xcalloc(node_count, sizeof(uint32_t));
	uint64_t *ns = xcalloc(calls, sizeof(uint64_t));
	uint32_t keep = node_count / (nodes_wanted ? nodes_wanted : 1), answered = 0;
	/* the nodes of the last `keep` jobs, one ring slot per job: what Slurm's free view subtracts */
	uint32_t *held = xcalloc((size_t) keep * nodes_wanted, sizeof(uint32_t));
	bool *holding = xcalloc(keep, sizeof(bool));
	uint32_t *held_job = xcalloc(keep, sizeof(uint32_t));
	uint64_t next = now_ns();
	const char *mode = !through_bridge ? (gap_us ? "inline-paced" : "inline") : gap_us ? "paced" : "back-to-back";

	for (uint32_t i = 0; i < node_count; i++) {
		candidates[i] = i;
		free_cpus[i] = NODE_CPUS - (i % 4); /* a partly used cluster: not every node alike */
		free_mem[i] = NODE_MEM_MB - 256 * (i % 4);
	}
	for (uint32_t c = 0; c < calls; c++) {
		teg_job_request_t req = { 0 };
		uint32_t job = (*next_job)++, got;
		uint64_t t0, t1;

		req.job_id = job;
		req.user_id = 1000;
		req.min_nodes = req.max_nodes = req.req_nodes = nodes_wanted;
		req.min_cpus = nodes_wanted;
		req.time_limit_min = 10;
		req.priority = 1000;
		req.candidate_count = node_count;
		req.candidates = candidates;
		req.ranked = ranked;
		req.free_cpus = free_cpus;
		req.free_mem_mb = free_mem;
		if (gap_us) {
			next += (uint64_t) gap_us * 1000ull;
			sleep_until(next);
		}
		t0 = now_ns();
		if (through_bridge) {
			got = teg_bridge_job_test(&req);
		} else {
			int32_t rc = teg_bridge_job_test_inline(&req);
			got = rc > 0 ? (uint32_t) rc : 0;
		}
		t1 = now_ns();
		if (got >= nodes_wanted)
			ns[answered] = t1 - t0; /* answered calls only, as the plugin's own counters: a fallback
						 * returns at once and would pull the percentiles down */
		if (!through_bridge)
			teg_bridge_drain_inline(); /* as the bridge thread does after each answer */
		{
			/* the job `keep` questions ago ends: its CPUs are free again in Slurm's count */
			uint32_t slot = c % keep;
			if (holding[slot]) {
				for (uint32_t i = 0; i < nodes_wanted; i++)
					free_cpus[held[slot * nodes_wanted + i]]++;
				holding[slot] = false;
				if (through_bridge)
					teg_bridge_job_fini(held_job[slot]);
			}
			if (got >= nodes_wanted) {
				answered++;
				for (uint32_t i = 0; i < nodes_wanted; i++) {
					cpus[i] = 1;
					held[slot * nodes_wanted + i] = ranked[i];
					free_cpus[ranked[i]]--;
				}
				holding[slot] = true;
				held_job[slot] = job;
				if (through_bridge) {
					teg_bridge_job_outcome(job, TEG_OUTCOME_USED);
					teg_bridge_job_begin(job, 1000, ranked, cpus, NULL, nodes_wanted);
				}
			}
		}
	}
	if (answered)
		report(shape, mode, ns, answered, calls, poll_ms, gap_us);
	else
		printf("{\"shape\":\"%s\",\"mode\":\"%s\",\"calls\":%u,\"answered\":0}\n", shape, mode, calls);
	for (uint32_t slot = 0; slot < keep; slot++)
		if (holding[slot] && through_bridge)
			teg_bridge_job_fini(held_job[slot]);
	xfree(held);
	xfree(held_job);
	xfree(holding);
	xfree(candidates);
	xfree(ranked);
	xfree(free_cpus);
	xfree(free_mem);
	xfree(cpus);
	xfree(ns);
}

int main(int argc, char **argv)
{
	log_options_t opts = LOG_OPTS_STDERR_ONLY;
	teg_conf_t conf;
	teg_node_t *nodes;
	uint32_t node_count, calls, gap_us, job = 1;
	double poll_ms;
	uint64_t until;

	if (argc < 6 || argc > 7) {
		fprintf(stderr, "usage: %s CLASS_PATH DECISION_LOG HANDOFF_POLL_MS GAP_US CALLS [NODES]\n", argv[0]);
		return 2;
	}
	poll_ms = atof(argv[3]);
	gap_us = (uint32_t) strtoul(argv[4], NULL, 10);
	calls = (uint32_t) strtoul(argv[5], NULL, 10);
	node_count = argc == 7 ? (uint32_t) strtoul(argv[6], NULL, 10) : 64;
	if (poll_ms < 0 || poll_ms > 1000 || !calls || node_count < 4) {
		fprintf(stderr, "%s: HANDOFF_POLL_MS in [0, 1000], CALLS >= 1, NODES >= 4\n", argv[0]);
		return 2;
	}
	opts.stderr_level = LOG_LEVEL_ERROR;
	log_init(argv[0], opts, 0, NULL);

	teg_conf_defaults(&conf, NULL);
	free(conf.class_path);
	conf.class_path = strdup(argv[1]);
	free(conf.decision_log);
	conf.decision_log = strdup(argv[2]);
	conf.handoff_poll_us = (uint32_t) (poll_ms * 1000.0 + 0.5);
	if (getenv("TEG_BENCH_JVM_OPTIONS")) /* teg.conf's JvmOptions, e.g. -Xlog:gc */
		conf.jvm_options = strdup(getenv("TEG_BENCH_JVM_OPTIONS"));
	if (teg_bridge_start(&conf))
		return 1;
	nodes = xcalloc(node_count, sizeof(teg_node_t));
	for (uint32_t i = 0; i < node_count; i++) {
		nodes[i].index = i;
		nodes[i].cpus = NODE_CPUS;
		nodes[i].real_memory_mb = NODE_MEM_MB;
		snprintf(nodes[i].name, TEG_NODE_NAME_LEN, "n%u", i + 1);
	}
	teg_bridge_set_nodes(nodes, node_count);
	xfree(nodes);
	/* the JVM starts and warms up on the bridge thread: wait for its first answer (60 s at most) */
	for (until = now_ns() + 60000000000ull;; usleep(50000)) {
		uint32_t c = 0, r = 0, f = 0;
		uint64_t m = 0;
		teg_job_request_t req = { .job_id = job++, .min_nodes = 1, .max_nodes = 1, .req_nodes = 1,
					  .min_cpus = 1, .candidate_count = 1, .candidates = &c, .ranked = &r,
					  .free_cpus = &f, .free_mem_mb = &m };
		f = NODE_CPUS;
		m = NODE_MEM_MB;
		if (teg_bridge_job_test(&req) > 0)
			break;
		if (now_ns() > until) {
			fprintf(stderr, "%s: TEG did not answer within 60 s (see the decision log %s)\n", argv[0],
				argv[2]);
			return 1;
		}
	}
	{
		/* attach this thread to the JVM for good, as the bridge thread is: an upcall from a thread that
		 * is not attached attaches it for the call and detaches it after, which is not what is measured */
		typedef jint (*created_fn)(JavaVM **, jsize, jsize *);
		char lib[4096];
		void *jvm;
		created_fn created;
		JavaVM *vm = NULL;
		JNIEnv *env = NULL;
		jsize n = 0;
		if (conf.jvm_path)
			snprintf(lib, sizeof(lib), "%s", conf.jvm_path);
		else
			snprintf(lib, sizeof(lib), "%s/lib/server/libjvm.so", conf.java_home);
		jvm = dlopen(lib, RTLD_NOW | RTLD_NOLOAD);
		created = jvm ? (created_fn) dlsym(jvm, "JNI_GetCreatedJavaVMs") : NULL;
		if (!created || created(&vm, 1, &n) != JNI_OK || n < 1 ||
		    (*vm)->AttachCurrentThreadAsDaemon(vm, (void **) &env, NULL) != JNI_OK) {
			fprintf(stderr, "%s: cannot attach this thread to the JVM\n", argv[0]);
			return 1;
		}
	}
	/* warm both paths once more, then measure */
	run("warm-up-one-node", 1, 0, 0, calls / 4 + 1, node_count, poll_ms, &job);
	run("warm-up-four-node", 4, 0, 0, calls / 4 + 1, node_count, poll_ms, &job);
	/* and the event paths (leases opened and settled on the bridge thread), which the first jobs pay for */
	run("warm-up-one-node", 1, 1, 0, calls / 4 + 1, node_count, poll_ms, &job);
	run("warm-up-four-node", 4, 1, 0, calls / 4 + 1, node_count, poll_ms, &job);
	for (int shape = 0; shape < 2; shape++) {
		const char *name = shape ? "four-node" : "one-node";
		uint32_t want = shape ? 4 : 1;
		/* the inline calls use the engine from this thread: let the bridge thread finish its events first */
		usleep(200000);
		run(name, want, 0, 0, calls, node_count, poll_ms, &job);
		if (gap_us)
			run(name, want, 0, gap_us, calls, node_count, poll_ms, &job);
		run(name, want, 1, 0, calls, node_count, poll_ms, &job);
		if (gap_us)
			run(name, want, 1, gap_us, calls, node_count, poll_ms, &job);
	}
	opts.stderr_level = LOG_LEVEL_INFO; /* the counters line (pickup_p50_us, slept) goes to stderr */
	log_alter(opts, 0, NULL);
	teg_bridge_log_counters("at the end of the bridge benchmark");
	teg_bridge_stop();
	return 0;
}
