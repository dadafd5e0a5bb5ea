#define _GNU_SOURCE
/* The bridge: the JVM on a thread of its own inside slurmctld, one JNI bootstrap call, then plain C
 * calls through the upcall table that Java registers. Every call from slurmctld is bounded by
 * DecisionTimeout; anything wrong (no JVM, a bad class path, an error, a hang, a JVM that exited)
 * makes the caller fall back to cons_tres, which is logged at most once per FallbackLogInterval and
 * counted. See docs/slurm-plugin.md. */
#include "src/common/slurm_xlator.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <jni.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "src/common/log.h"
#include "src/common/xmalloc.h"
#include "src/common/xstring.h"

#include "teg_bridge.h"

#define LOG_PREFIX "select/teg"
#define EVENT_CAPACITY 8192
#define LATENCY_SAMPLES 65536
/* The hand-off polls before it sleeps: job_test calls come in bursts from the scheduling loops, and a
 * futex wake-up costs tens of microseconds on an idle machine (hundreds on a busy one, where the idle
 * virtual CPU has to be woken too) where a poll of a shared counter costs well under one. */
#define CALLER_SPIN_NS 200000ull /* slurmctld's thread: poll this long for the answer, then a timed wait */
#define CALLER_PAUSE_NS 20000ull /* of which the first part with pause, the rest with sched_yield() (measured:
				  * pause only left the median at 577 us in teg bench slurm, docs/slurm-bench.md) */
#define BRIDGE_PAUSE_NS 50000ull /* the bridge thread: poll with pause this long after each piece of work, then
				  * with sched_yield() (any other runnable thread of its CPU goes first) until
				  * HandOffPoll has passed, then sleep */

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield");
#endif
}

enum bridge_state { BR_OFF = 0, BR_STARTING, BR_READY, BR_DEAD };
enum event_kind { EV_BEGIN = 1, EV_FINI, EV_OUTCOME };

typedef struct {
	int kind;
	uint32_t job_id, user_id, node_count, outcome;
	uint32_t *nodes, *cpus, *gpus;
} event_t;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work_cv = PTHREAD_COND_INITIALIZER;
static pthread_cond_t done_cv = PTHREAD_COND_INITIALIZER;
static pthread_t bridge_thread;
static bool thread_started;
static bool stopping;
static _Atomic int state = BR_OFF;
static char dead_reason[256];

static teg_conf_t bconf;           /* a copy owned by the bridge */
static teg_upcalls_t upcalls;     /* copied from Java's table */
static bool registered;

/* the job_test slot: one question at a time */
static bool slot_busy, slot_pending;
static uint64_t slot_gen;
static _Atomic uint64_t result_gen;  /* stored (release) after result_count and slot_ranked are written */
static int32_t result_count;
static teg_job_request_t slot_req;
static uint32_t *slot_candidates, *slot_ranked, *slot_free_cpus, *slot_free_gpus;
static uint64_t *slot_free_mem;
static uint32_t slot_capacity;
static _Atomic uint64_t work_posted; /* bumped, under lock, whenever there is new work for the bridge thread */
static bool drain_due;               /* an answer was given since the last drain upcall */

/* asynchronous notifications */
static event_t events[EVENT_CAPACITY];
static uint32_t ev_head, ev_len;

/* the node table, handed over when it changes */
static teg_node_t *nodes_pending;
static uint32_t nodes_pending_count;
static bool nodes_dirty;

/* counters */
static uint64_t n_calls, n_ranked, n_declined, n_unfit, n_fallbacks, n_timeouts, n_events_dropped;
static time_t last_fallback_log;
static uint32_t latency_ns[LATENCY_SAMPLES];
static uint64_t latency_n;
/* where the hand-off's time goes: from the question posted to the bridge thread taking it (pickup), and how
 * many answered callers had stopped polling and slept before the answer came (slept) */
static _Atomic uint64_t slot_posted_ns;
static uint32_t pickup_ns[LATENCY_SAMPLES];
static uint64_t pickup_n, n_slept;
/* the other parts of an answered call: from the caller's entry to the question posted (post: the lock and the
 * copies), from the question taken to its answer stored (work: the upcall, on the bridge thread), and from the
 * answer stored to the caller back with it (take). Under lock. */
static _Atomic uint64_t answered_ns;
static uint32_t post_ns[LATENCY_SAMPLES], take_ns[LATENCY_SAMPLES], work_ns[LATENCY_SAMPLES];
static uint64_t post_n, take_n, work_n;

static void record_sample(uint32_t *samples, uint64_t *count, uint64_t ns)
{
	samples[*count % LATENCY_SAMPLES] = ns > UINT32_MAX ? UINT32_MAX : (uint32_t) ns;
	(*count)++;
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t) ts.tv_sec * 1000000000ull + (uint64_t) ts.tv_nsec;
}

/* Called with lock held. */
static void fallback_locked(uint32_t job_id, const char *reason)
{
	time_t now = time(NULL);
	n_fallbacks++;
	if (!last_fallback_log || now - last_fallback_log >= (time_t) bconf.fallback_log_interval_s) {
		last_fallback_log = now;
		error("%s: fallback to cons_tres for JobId=%u: %s (fallbacks so far: %" PRIu64 ")",
		      LOG_PREFIX, job_id, reason, n_fallbacks);
	}
}

static void mark_dead(const char *reason)
{
	slurm_mutex_lock(&lock);
	if (atomic_load(&state) != BR_DEAD) {
		snprintf(dead_reason, sizeof(dead_reason), "%s", reason);
		atomic_store(&state, BR_DEAD);
	}
	pthread_cond_broadcast(&done_cv);
	slurm_mutex_unlock(&lock);
	error("%s: TEG is off, every job is placed by cons_tres: %s", LOG_PREFIX, reason);
}

int teg_bridge_register(const teg_upcalls_t *table)
{
	if (!table || table->abi_version != TEG_ABI_VERSION || table->size != sizeof(teg_upcalls_t)) {
		error("%s: upcall table refused: ABI version %u size %u, this plugin has ABI version %u size %zu",
		      LOG_PREFIX, table ? table->abi_version : 0, table ? table->size : 0, TEG_ABI_VERSION,
		      sizeof(teg_upcalls_t));
		return -1;
	}
	if (!table->set_nodes || !table->job_test || !table->job_begin || !table->job_fini ||
	    !table->shutdown || !table->job_outcome || !table->drain) {
		error("%s: upcall table refused: a function pointer is NULL", LOG_PREFIX);
		return -1;
	}
	upcalls = *table;
	registered = true;
	return 0;
}

/* The JVM calls this instead of exit(): the JVM is gone for good, slurmctld must go on. The VM thread
 * that calls it stays parked here, so every Java thread stays stopped. */
static void jvm_exit_hook(int code)
{
	char why[96];
	snprintf(why, sizeof(why), "the JVM exited with status %d", code);
	mark_dead(why);
	for (;;)
		pause();
}

static void jvm_abort_hook(void)
{
	mark_dead("the JVM aborted");
	for (;;)
		pause();
}

/* ClassPath plus every jar in the lib/ directory beside it (JNI does not expand a lib-star wildcard). */
static char *build_class_path(const char *jar)
{
	char *cp = xstrdup(jar), *dir = xstrdup(jar), *slash = strrchr(dir, '/');
	char *lib = NULL;
	DIR *d;
	struct dirent *e;

	if (slash)
		*slash = '\0';
	xstrfmtcat(lib, "%s/lib", slash ? dir : ".");
	if ((d = opendir(lib))) {
		while ((e = readdir(d))) {
			size_t n = strlen(e->d_name);
			if (n > 4 && !strcmp(e->d_name + n - 4, ".jar"))
				xstrfmtcat(cp, ":%s/%s", lib, e->d_name);
		}
		closedir(d);
	}
	xfree(lib);
	xfree(dir);
	return cp;
}

static int start_jvm(JNIEnv **env_out, char *why, size_t why_len)
{
	typedef jint (*create_fn)(JavaVM **, void **, void *);
	char *lib = NULL, *cp = NULL, *opt_cp = NULL, *opt_xmx = NULL, *extra = NULL, *save = NULL, *tok;
	char sig[16];
	JavaVMOption options[64];
	JavaVMInitArgs args;
	JavaVM *vm = NULL;
	void *handle;
	create_fn create;
	int n = 0, rc = -1;

	if (bconf.jvm_path)
		lib = xstrdup(bconf.jvm_path);
	else
		xstrfmtcat(lib, "%s/lib/server/libjvm.so", bconf.java_home);
	if (access(bconf.class_path, R_OK)) {
		snprintf(why, why_len, "ClassPath=%s cannot be read: %s", bconf.class_path, strerror(errno));
		goto out;
	}
	if (!(handle = dlopen(lib, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE))) {
		snprintf(why, why_len, "cannot load the JVM %s: %s", lib, dlerror());
		goto out;
	}
	if (!(create = (create_fn) dlsym(handle, "JNI_CreateJavaVM"))) {
		snprintf(why, why_len, "%s has no JNI_CreateJavaVM", lib);
		goto out;
	}
	/* the JVM's suspend/resume signal must not be SIGUSR2, which slurmctld uses for log rotation */
	snprintf(sig, sizeof(sig), "%d", bconf.java_suspend_signal);
	setenv("_JAVA_SR_SIGNUM", sig, 1);

	cp = build_class_path(bconf.class_path);
	xstrfmtcat(opt_cp, "-Djava.class.path=%s", cp);
	xstrfmtcat(opt_xmx, "-Xmx%um", bconf.jvm_heap_mb);
	options[n++].optionString = opt_cp;
	options[n++].optionString = opt_xmx;
	options[n++].optionString = "-Xrs";
	options[n++].optionString = "-XX:-UsePerfData";
	options[n++].optionString = "-Xss1m";
	options[n++].optionString = "--enable-native-access=ALL-UNNAMED";
	options[n].optionString = "exit";
	options[n++].extraInfo = (void *) jvm_exit_hook;
	options[n].optionString = "abort";
	options[n++].extraInfo = (void *) jvm_abort_hook;
	if (bconf.jvm_options) {
		extra = xstrdup(bconf.jvm_options);
		for (tok = strtok_r(extra, " \t", &save); tok && n < 60; tok = strtok_r(NULL, " \t", &save))
			options[n++].optionString = tok;
	}
	for (int i = 0; i < n; i++)
		if (strcmp(options[i].optionString, "exit") && strcmp(options[i].optionString, "abort"))
			options[i].extraInfo = NULL;
	args.version = JNI_VERSION_21;
	args.nOptions = n;
	args.options = options;
	args.ignoreUnrecognized = JNI_FALSE;
	if (create(&vm, (void **) env_out, &args) != JNI_OK) {
		snprintf(why, why_len, "JNI_CreateJavaVM failed (JvmOptions=%s)",
			 bconf.jvm_options ? bconf.jvm_options : "");
		goto out;
	}
	rc = 0;
out:
	xfree(lib);
	xfree(cp);
	xfree(opt_cp);
	xfree(opt_xmx);
	xfree(extra);
	return rc;
}

static int bootstrap(JNIEnv *env, char *why, size_t why_len)
{
	jclass cls = (*env)->FindClass(env, "io/teg/bridge/Bootstrap");
	jmethodID init;
	jstring settings;
	char *s = NULL;
	jint rc;

	if (!cls || (*env)->ExceptionCheck(env)) {
		(*env)->ExceptionClear(env);
		snprintf(why, why_len, "class io.teg.bridge.Bootstrap not found on ClassPath=%s",
			 bconf.class_path);
		return -1;
	}
	init = (*env)->GetStaticMethodID(env, cls, "init", "(JILjava/lang/String;)I");
	if (!init || (*env)->ExceptionCheck(env)) {
		(*env)->ExceptionClear(env);
		snprintf(why, why_len, "io.teg.bridge.Bootstrap has no static int init(long, int, String)");
		return -1;
	}
	xstrfmtcat(s, "decisionLog=%s\n", bconf.decision_log);
	if (bconf.grid_client_config)
		xstrfmtcat(s, "gridClient=%s\n", bconf.grid_client_config);
	settings = (*env)->NewStringUTF(env, s);
	xfree(s);
	rc = (*env)->CallStaticIntMethod(env, cls, init, (jlong) (intptr_t) &teg_bridge_register,
					 (jint) TEG_ABI_VERSION, settings);
	if ((*env)->ExceptionCheck(env)) {
		(*env)->ExceptionDescribe(env);
		(*env)->ExceptionClear(env);
		snprintf(why, why_len, "Bootstrap.init threw (see slurmctld's stderr)");
		return -1;
	}
	if (rc != 0 || !registered) {
		snprintf(why, why_len, "Bootstrap.init returned %d and %s the upcall table", (int) rc,
			 registered ? "registered" : "did not register");
		return -1;
	}
	return 0;
}

static void *bridge_main(void *arg)
{
	sigset_t all;
	JNIEnv *env = NULL;
	char why[512] = "";

	/* slurmctld's own signal thread handles every signal; the JVM's threads inherit this mask */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);

	if (start_jvm(&env, why, sizeof(why)) || bootstrap(env, why, sizeof(why))) {
		mark_dead(why);
		return NULL;
	}
	info("%s: TEG engine ready (ABI version %u, DecisionTimeout=%.3f ms, HandOffPoll=%.3f ms, DecisionLog=%s)",
	     LOG_PREFIX, TEG_ABI_VERSION, bconf.decision_timeout_us / 1000.0, bconf.handoff_poll_us / 1000.0,
	     bconf.decision_log);
	slurm_mutex_lock(&lock);
	atomic_store(&state, BR_READY);
	bool spun = false;
	while (!stopping) {
		if (nodes_dirty) {
			teg_node_t *nodes = nodes_pending;
			uint32_t count = nodes_pending_count;
			nodes_pending = NULL;
			nodes_dirty = false;
			slurm_mutex_unlock(&lock);
			if (upcalls.set_nodes(nodes, count) < 0)
				error("%s: TEG refused the node table (%u nodes)", LOG_PREFIX, count);
			xfree(nodes);
			slurm_mutex_lock(&lock);
		} else if (slot_pending) {
			uint64_t gen = slot_gen, taken = now_ns(), waited = taken - atomic_load(&slot_posted_ns);
			int32_t rc;
			slot_pending = false;
			record_sample(pickup_ns, &pickup_n, waited);
			slurm_mutex_unlock(&lock);
			rc = upcalls.job_test(&slot_req);
			slurm_mutex_lock(&lock);
			result_count = rc;
			atomic_store(&answered_ns, now_ns());
			record_sample(work_ns, &work_n, atomic_load(&answered_ns) - taken);
			atomic_store_explicit(&result_gen, gen, memory_order_release);
			slot_busy = false;
			drain_due = true;
			spun = false;
			pthread_cond_broadcast(&done_cv);
			/* when the caller shares this CPU, it is waiting for it: let it take the answer now rather
			 * than after this thread's events, log lines and poll (about 0.5 us when it does not) */
			slurm_mutex_unlock(&lock);
			sched_yield();
			slurm_mutex_lock(&lock);
		} else if (ev_len) {
			event_t ev = events[ev_head];
			ev_head = (ev_head + 1) % EVENT_CAPACITY;
			ev_len--;
			slurm_mutex_unlock(&lock);
			if (ev.kind == EV_BEGIN)
				upcalls.job_begin(ev.job_id, ev.user_id, ev.nodes, ev.cpus, ev.gpus, ev.node_count);
			else if (ev.kind == EV_FINI)
				upcalls.job_fini(ev.job_id);
			else
				upcalls.job_outcome(ev.job_id, ev.outcome);
			xfree(ev.nodes);
			xfree(ev.cpus);
			xfree(ev.gpus);
			slurm_mutex_lock(&lock);
			drain_due = true;
			spun = false;
		} else if (drain_due) {
			/* the log lines of the answers and events handled: written once nothing else waits, so
			 * never on a caller's clock */
			drain_due = false;
			slurm_mutex_unlock(&lock);
			upcalls.drain();
			slurm_mutex_lock(&lock);
		} else if (!spun) {
			/* a burst is likely to go on: watch for work for HandOffPoll before sleeping */
			uint64_t seen = atomic_load(&work_posted), t0 = now_ns(), t;
			slurm_mutex_unlock(&lock);
			while (atomic_load_explicit(&work_posted, memory_order_acquire) == seen &&
			       (t = now_ns() - t0) < (uint64_t) bconf.handoff_poll_us * 1000ull) {
				if (t < BRIDGE_PAUSE_NS)
					for (int i = 0; i < 64; i++)
						cpu_relax();
				else
					sched_yield();
			}
			slurm_mutex_lock(&lock);
			spun = true;
		} else {
			slurm_cond_wait(&work_cv, &lock);
			spun = false;
		}
	}
	slurm_mutex_unlock(&lock);
	upcalls.shutdown();
	return NULL;
}

int teg_bridge_start(const teg_conf_t *c)
{
	slurm_mutex_lock(&lock);
	if (thread_started) {
		slurm_mutex_unlock(&lock);
		return 0;
	}
	bconf = *c;
	bconf.java_home = c->java_home ? xstrdup(c->java_home) : NULL;
	bconf.jvm_path = c->jvm_path ? xstrdup(c->jvm_path) : NULL;
	bconf.class_path = xstrdup(c->class_path);
	bconf.jvm_options = c->jvm_options ? xstrdup(c->jvm_options) : NULL;
	bconf.decision_log = xstrdup(c->decision_log);
	bconf.grid_client_config = c->grid_client_config ? xstrdup(c->grid_client_config) : NULL;
	atomic_store(&state, BR_STARTING);
	stopping = false;
	if (pthread_create(&bridge_thread, NULL, bridge_main, NULL)) {
		atomic_store(&state, BR_DEAD);
		slurm_mutex_unlock(&lock);
		error("%s: cannot start the bridge thread: %m", LOG_PREFIX);
		return -1;
	}
	thread_started = true;
	slurm_mutex_unlock(&lock);
	return 0;
}

void teg_bridge_stop(void)
{
	struct timespec until;
	int s = atomic_load(&state);

	teg_bridge_log_counters("at shutdown");
	slurm_mutex_lock(&lock);
	stopping = true;
	atomic_fetch_add(&work_posted, 1);
	pthread_cond_broadcast(&work_cv);
	slurm_mutex_unlock(&lock);
	if (!thread_started)
		return;
	/* a hung or dead JVM must not hold up slurmctld's shutdown: wait a little, then leave it */
	if (s == BR_READY || s == BR_STARTING) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 2;
		if (pthread_timedjoin_np(bridge_thread, NULL, &until))
			pthread_detach(bridge_thread);
	} else {
		pthread_detach(bridge_thread);
	}
	thread_started = false;
}

void teg_bridge_set_nodes(const teg_node_t *nodes, uint32_t count)
{
	teg_node_t *copy = xcalloc(count ? count : 1, sizeof(teg_node_t));
	memcpy(copy, nodes, count * sizeof(teg_node_t));
	slurm_mutex_lock(&lock);
	xfree(nodes_pending);
	nodes_pending = copy;
	nodes_pending_count = count;
	nodes_dirty = true;
	if (slot_capacity < count) {
		/* only grown while no question is in flight; otherwise at the next quiet call */
		if (!slot_busy) {
			xrecalloc(slot_candidates, count, sizeof(uint32_t));
			xrecalloc(slot_ranked, count, sizeof(uint32_t));
			xrecalloc(slot_free_cpus, count, sizeof(uint32_t));
			xrecalloc(slot_free_mem, count, sizeof(uint64_t));
			xrecalloc(slot_free_gpus, count, sizeof(uint32_t));
			slot_capacity = count;
		}
	}
	atomic_fetch_add(&work_posted, 1);
	pthread_cond_signal(&work_cv);
	slurm_mutex_unlock(&lock);
}

/* an answered call: its whole time, and the part after the answer was stored. Called with lock held. */
static void record_latency(uint64_t ns)
{
	uint64_t now = now_ns(), answered = atomic_load(&answered_ns);
	record_sample(take_ns, &take_n, now > answered ? now - answered : 0);
	record_sample(latency_ns, &latency_n, ns);
}

uint32_t teg_bridge_job_test(teg_job_request_t *request)
{
	uint64_t t0 = now_ns(), gen, deadline_ns;
	uint32_t late_job = 0;
	struct timespec until;
	uint32_t out = 0;
	int s = atomic_load(&state);

	slurm_mutex_lock(&lock);
	n_calls++;
	if (s != BR_READY) {
		fallback_locked(request->job_id, s == BR_STARTING ? "the JVM is still starting" :
				dead_reason[0] ? dead_reason : "the bridge is off");
		goto done;
	}
	if (slot_busy) {
		fallback_locked(request->job_id, "the previous decision is still running (hung upcall?)");
		goto done;
	}
	if (request->candidate_count > slot_capacity) {
		xrecalloc(slot_candidates, request->candidate_count, sizeof(uint32_t));
		xrecalloc(slot_ranked, request->candidate_count, sizeof(uint32_t));
		xrecalloc(slot_free_cpus, request->candidate_count, sizeof(uint32_t));
		xrecalloc(slot_free_mem, request->candidate_count, sizeof(uint64_t));
		xrecalloc(slot_free_gpus, request->candidate_count, sizeof(uint32_t));
		slot_capacity = request->candidate_count;
	}
	slot_req = *request;
	memcpy(slot_candidates, request->candidates, request->candidate_count * sizeof(uint32_t));
	if (request->free_cpus)
		memcpy(slot_free_cpus, request->free_cpus, request->candidate_count * sizeof(uint32_t));
	else
		memset(slot_free_cpus, 0, request->candidate_count * sizeof(uint32_t));
	if (request->free_mem_mb)
		memcpy(slot_free_mem, request->free_mem_mb, request->candidate_count * sizeof(uint64_t));
	else
		memset(slot_free_mem, 0, request->candidate_count * sizeof(uint64_t));
	slot_req.candidates = slot_candidates;
	slot_req.ranked = slot_ranked;
	slot_req.free_cpus = slot_free_cpus;
	slot_req.free_mem_mb = slot_free_mem;
	if (request->free_gpus)
		memcpy(slot_free_gpus, request->free_gpus, request->candidate_count * sizeof(uint32_t));
	else
		memset(slot_free_gpus, 0, request->candidate_count * sizeof(uint32_t));
	slot_req.free_gpus = slot_free_gpus;
	gen = ++slot_gen;
	slot_busy = true;
	slot_pending = true;
	atomic_store(&slot_posted_ns, now_ns());
	record_sample(post_ns, &post_n, atomic_load(&slot_posted_ns) - t0);
	atomic_fetch_add(&work_posted, 1);

	deadline_ns = t0 + (uint64_t) bconf.decision_timeout_us * 1000ull;
	{
		/* the fast path: the bridge thread is usually polling and answers within microseconds. Past
		 * CALLER_SPIN_NS this thread sleeps: a thread that keeps spinning (even with sched_yield)
		 * counts as runnable and keeps the scheduler from moving a preempted bridge thread onto this
		 * CPU, which on a busy host costs far more than the wake-up. */
		uint64_t spin_until = t0 + CALLER_SPIN_NS < deadline_ns ? t0 + CALLER_SPIN_NS : deadline_ns;
		slurm_mutex_unlock(&lock);
		/* signalled after the unlock: a bridge thread woken on this CPU would otherwise block at once on
		 * the lock this thread still holds. slot_pending was set under the lock, which the bridge thread
		 * checks before it waits: no wake-up is lost. */
		pthread_cond_signal(&work_cv);
		uint64_t t;
		while (atomic_load_explicit(&result_gen, memory_order_acquire) != gen &&
		       atomic_load(&state) == BR_READY && (t = now_ns()) < spin_until) {
			if (t - t0 < CALLER_PAUSE_NS)
				for (int i = 0; i < 16; i++)
					cpu_relax();
			else
				sched_yield(); /* a bridge thread queued on this CPU runs now */
		}
		slurm_mutex_lock(&lock);
	}
	clock_gettime(CLOCK_REALTIME, &until);
	{
		uint64_t rel = deadline_ns > now_ns() ? deadline_ns - now_ns() : 0;
		uint64_t abs_ns = (uint64_t) until.tv_nsec + rel;
		until.tv_sec += abs_ns / 1000000000ull;
		until.tv_nsec = abs_ns % 1000000000ull;
	}
	if (atomic_load(&result_gen) != gen && atomic_load(&state) == BR_READY)
		n_slept++;
	while (atomic_load(&result_gen) != gen && atomic_load(&state) == BR_READY) {
		if (pthread_cond_timedwait(&done_cv, &lock, &until) == ETIMEDOUT)
			break;
	}
	if (atomic_load(&result_gen) != gen) {
		if (atomic_load(&state) == BR_READY) {
			n_timeouts++;
			late_job = request->job_id;
			fallback_locked(request->job_id, "no decision within DecisionTimeout");
		} else {
			fallback_locked(request->job_id, dead_reason);
		}
		goto done;
	}
	if (result_count < 0) {
		fallback_locked(request->job_id, "TEG returned an error (see the decision log)");
		goto done;
	}
	if (result_count == 0) {
		/* TEG sees no room among the candidates: cons_tres decides alone (not a fault) */
		n_declined++;
		record_latency(now_ns() - t0);
		goto done;
	}
	out = (uint32_t) result_count > request->candidate_count ? request->candidate_count :
								   (uint32_t) result_count;
	memcpy(request->ranked, slot_ranked, out * sizeof(uint32_t));
	n_ranked++;
	record_latency(now_ns() - t0);
done:
	slurm_mutex_unlock(&lock);
	if (late_job)
		teg_bridge_job_outcome(late_job, TEG_OUTCOME_LATE);
	return out;
}

int32_t teg_bridge_job_test_inline(teg_job_request_t *request)
{
	if (atomic_load(&state) != BR_READY)
		return -1;
	return upcalls.job_test(request);
}

void teg_bridge_drain_inline(void)
{
	if (atomic_load(&state) == BR_READY)
		upcalls.drain();
}

static void post_event(event_t *ev)
{
	int s = atomic_load(&state);
	slurm_mutex_lock(&lock);
	if ((s != BR_READY && s != BR_STARTING) || ev_len == EVENT_CAPACITY) {
		if (s == BR_READY || s == BR_STARTING)
			n_events_dropped++;
		xfree(ev->nodes);
		xfree(ev->cpus);
		xfree(ev->gpus);
	} else {
		events[(ev_head + ev_len) % EVENT_CAPACITY] = *ev;
		ev_len++;
		atomic_fetch_add(&work_posted, 1);
		pthread_cond_signal(&work_cv);
	}
	slurm_mutex_unlock(&lock);
}

void teg_bridge_job_begin(uint32_t job_id, uint32_t user_id, const uint32_t *nodes, const uint32_t *cpus,
			  const uint32_t *gpus, uint32_t node_count)
{
	event_t ev = { .kind = EV_BEGIN, .job_id = job_id, .user_id = user_id, .node_count = node_count };
	ev.nodes = xcalloc(node_count ? node_count : 1, sizeof(uint32_t));
	ev.cpus = xcalloc(node_count ? node_count : 1, sizeof(uint32_t));
	ev.gpus = xcalloc(node_count ? node_count : 1, sizeof(uint32_t)); /* zeros without gpus */
	memcpy(ev.nodes, nodes, node_count * sizeof(uint32_t));
	memcpy(ev.cpus, cpus, node_count * sizeof(uint32_t));
	if (gpus)
		memcpy(ev.gpus, gpus, node_count * sizeof(uint32_t));
	post_event(&ev);
}

void teg_bridge_job_fini(uint32_t job_id)
{
	event_t ev = { .kind = EV_FINI, .job_id = job_id };
	post_event(&ev);
}

void teg_bridge_job_outcome(uint32_t job_id, uint32_t outcome)
{
	if (outcome == TEG_OUTCOME_UNFIT) {
		slurm_mutex_lock(&lock);
		n_unfit++;
		slurm_mutex_unlock(&lock);
	}
	event_t ev = { .kind = EV_OUTCOME, .job_id = job_id, .outcome = outcome };
	post_event(&ev);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *) a, y = *(const uint32_t *) b;
	return x < y ? -1 : x > y;
}

/* p50 and p99 of n samples, microseconds; sorts them in place */
static void percentiles(uint32_t *samples, uint32_t n, double *p50, double *p99)
{
	*p50 = *p99 = 0;
	if (!n)
		return;
	qsort(samples, n, sizeof(uint32_t), cmp_u32);
	*p50 = samples[(n - 1) / 2] / 1000.0;
	*p99 = samples[(uint32_t) ((n - 1) * 0.99)] / 1000.0;
}

void teg_bridge_log_counters(const char *when)
{
	uint32_t n, pn, on, tn, wn, *lat, *pick, *post, *take, *work;
	double p50, p99, pick50, pick99, post50, post99, take50, take99, work50, work99;

	/* copies under the lock, sorted after it: a job_test never waits for the sort */
	lat = xcalloc(LATENCY_SAMPLES, sizeof(uint32_t));
	pick = xcalloc(LATENCY_SAMPLES, sizeof(uint32_t));
	post = xcalloc(LATENCY_SAMPLES, sizeof(uint32_t));
	take = xcalloc(LATENCY_SAMPLES, sizeof(uint32_t));
	work = xcalloc(LATENCY_SAMPLES, sizeof(uint32_t));
	slurm_mutex_lock(&lock);
	wn = work_n < LATENCY_SAMPLES ? (uint32_t) work_n : LATENCY_SAMPLES;
	memcpy(work, work_ns, wn * sizeof(uint32_t));
	n = latency_n < LATENCY_SAMPLES ? (uint32_t) latency_n : LATENCY_SAMPLES;
	pn = pickup_n < LATENCY_SAMPLES ? (uint32_t) pickup_n : LATENCY_SAMPLES;
	on = post_n < LATENCY_SAMPLES ? (uint32_t) post_n : LATENCY_SAMPLES;
	tn = take_n < LATENCY_SAMPLES ? (uint32_t) take_n : LATENCY_SAMPLES;
	memcpy(lat, latency_ns, n * sizeof(uint32_t));
	memcpy(pick, pickup_ns, pn * sizeof(uint32_t));
	memcpy(post, post_ns, on * sizeof(uint32_t));
	memcpy(take, take_ns, tn * sizeof(uint32_t));
	slurm_mutex_unlock(&lock);
	percentiles(lat, n, &p50, &p99);
	percentiles(pick, pn, &pick50, &pick99);
	percentiles(post, on, &post50, &post99);
	percentiles(take, tn, &take50, &take99);
	percentiles(work, wn, &work50, &work99);
	xfree(lat);
	xfree(pick);
	xfree(post);
	xfree(take);
	xfree(work);
	/* the field order up to samples= is read by io.teg.cli.cluster.TegDecisions: append new fields at the end */
	info("%s: counters %s: job_test calls=%" PRIu64 " ranked=%" PRIu64 " fallbacks=%" PRIu64
	     " timeouts=%" PRIu64 " events_dropped=%" PRIu64 " latency_us p50=%.1f p99=%.1f samples=%u"
	     " declined=%" PRIu64 " unfit=%" PRIu64 " pickup_p50_us=%.1f pickup_p99_us=%.1f slept=%" PRIu64
	     " post_p50_us=%.1f post_p99_us=%.1f work_p50_us=%.1f work_p99_us=%.1f take_p50_us=%.1f take_p99_us=%.1f",
	     LOG_PREFIX, when, n_calls, n_ranked, n_fallbacks, n_timeouts, n_events_dropped, p50, p99, n,
	     n_declined, n_unfit, pick50, pick99, n_slept, post50, post99, work50, work99, take50, take99);
}
