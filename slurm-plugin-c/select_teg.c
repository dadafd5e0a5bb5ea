/* select/teg: places jobs with TEG, allocates with select/cons_tres.
 *
 * Every select_p_* entry point forwards to select/cons_tres (loaded through plugin_context_create, as
 * the former select/other did). Three of them also talk to TEG through teg_bridge.c, inside
 * slurmctld only:
 *   job_test  (RUN_NOW mode) TEG ranks the candidate nodes; the bitmap is narrowed to the ranked
 *             subset before cons_tres allocates; if cons_tres cannot fit the job there, it gets the
 *             original bitmap. Any problem with TEG leaves the call to cons_tres unchanged.
 *   job_begin TEG opens a lease on the allocated nodes (their CPUs and GPUs).
 *   job_fini  TEG settles the lease.
 * Suspension (scontrol suspend/resume), resizing (scontrol update NumNodes) and expansion keep the free
 * view exactly equal to cons_tres's counts; a resized or expanded job's lease moves to its new nodes.
 * See docs/slurm-plugin.md. */
#include "src/common/slurm_xlator.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "slurm/slurm.h"
#include "slurm/slurm_errno.h"

#include "src/common/bitstring.h"
#include "src/common/gres.h"
#include "src/common/job_resources.h"
#include "src/common/list.h"
#include "src/common/log.h"
#include "src/common/node_conf.h"
#include "src/common/plugin.h"
#include "src/common/read_config.h"
#include "src/common/run_in_daemon.h"
#include "src/common/select.h"
#include "src/common/xmalloc.h"
#include "src/slurmctld/slurmctld.h"

#include "teg_bridge.h"
#include "teg_conf.h"

/* Defined by slurmctld only: slurmd loads this plugin too, where the weak reference stays NULL. */
extern slurmctld_config_t slurmctld_config __attribute__((weak));

const char plugin_name[] = "TEG thermo-economic node selection (allocation by cons_tres)";
const char plugin_type[] = "select/teg";
const uint32_t plugin_id = 170;
const uint32_t plugin_version = SLURM_VERSION_NUMBER;

/* The order of slurm_select_ops_t in src/common/select.h of this Slurm version. */
static const char *forward_syms[] = {
	"plugin_id",
	"select_p_state_save",
	"select_p_state_restore",
	"select_p_job_init",
	"select_p_node_init",
	"select_p_job_test",
	"select_p_job_begin",
	"select_p_job_ready",
	"select_p_job_expand",
	"select_p_job_resized",
	"select_p_job_signal",
	"select_p_job_fini",
	"select_p_job_suspend",
	"select_p_job_resume",
	"select_p_step_pick_nodes",
	"select_p_step_start",
	"select_p_step_finish",
	"select_p_select_nodeinfo_pack",
	"select_p_select_nodeinfo_unpack",
	"select_p_select_nodeinfo_alloc",
	"select_p_select_nodeinfo_free",
	"select_p_select_nodeinfo_set_all",
	"select_p_select_nodeinfo_set",
	"select_p_select_nodeinfo_get",
	"select_p_select_jobinfo_alloc",
	"select_p_select_jobinfo_free",
	"select_p_select_jobinfo_set",
	"select_p_select_jobinfo_get",
	"select_p_select_jobinfo_copy",
	"select_p_select_jobinfo_pack",
	"select_p_select_jobinfo_unpack",
	"select_p_select_jobinfo_sprint",
	"select_p_select_jobinfo_xstrdup",
	"select_p_get_info_from_plugin",
	"select_p_update_node_config",
	"select_p_reconfigure",
	"select_p_resv_test",
};

static slurm_select_ops_t cons;
static plugin_context_t *cons_context;
static teg_conf_t teg_conf;
static bool teg_active; /* slurmctld, Enabled=yes */

static bool recovering; /* between job_init and reconfigure in read_slurm_conf() */

/* What the running jobs hold on each node (by node index), from their job_resrcs: the same records that
 * cons_tres adds at job_begin and removes at job_fini, updated here in the same calls, under the same
 * slurmctld locks. Configured minus held is what Slurm counts free; job_test hands it to TEG. */
static uint32_t *held_cpus;
static uint64_t *held_mem_mb;
static uint32_t *node_cpus;
static uint64_t *node_mem_mb;
static uint32_t held_count;
/* Jobs suspended by scontrol suspend (indf_susp): cons_tres gave their cores back and keeps their memory, so
 * they hold memory only, here too, until they resume or end. Few at a time: a plain array. */
static uint32_t *suspended_jobs;
static uint32_t suspended_count, suspended_cap;
static time_t last_counters_log;
#define COUNTERS_LOG_INTERVAL_S 300

static void teg_tell_begin(job_record_t *job_ptr);

/* The GPUs a node's Gres= string configures: the counts of its "gpu" entries ("gpu:4", "gpu:a100:2,gpu:t4:2",
 * "gpu:2(S:0-1)"; a bare "gpu" or "gpu:type" is 1; a K, M or G suffix multiplies by 1024 per step). */
static uint32_t configured_gpus(const char *gres)
{
	uint64_t total = 0;
	const char *p = gres;

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t) (end - p) : strlen(p);
		if (len >= 3 && !strncmp(p, "gpu", 3) && (len == 3 || p[3] == ':' || p[3] == '(')) {
			const char *last = p + 3, *q;
			uint64_t cnt = 0;
			bool digits = false;
			for (q = p + 3; q < p + len && *q != '('; q++)
				if (*q == ':')
					last = q + 1;
			for (q = last; q < p + len && *q >= '0' && *q <= '9'; q++, digits = true)
				cnt = cnt * 10 + (uint64_t) (*q - '0');
			if (digits && q < p + len && (*q == 'K' || *q == 'k'))
				cnt *= 1024;
			else if (digits && q < p + len && (*q == 'M' || *q == 'm'))
				cnt *= 1024 * 1024;
			else if (digits && q < p + len && (*q == 'G' || *q == 'g'))
				cnt *= 1024 * 1024 * 1024;
			total += (digits && last > p + 3) ? cnt : 1;
		}
		p = end ? end + 1 : NULL;
	}
	return total > UINT32_MAX ? UINT32_MAX : (uint32_t) total;
}

/* GPUs not allocated on node i now, from slurmctld's own GRES state of the node (what cons_tres allocates
 * from): gres_cnt_avail - gres_cnt_alloc of its "gpu" entry. */
static uint32_t free_gpus_on(int64_t i, uint32_t gpu_id)
{
	node_record_t *node;
	gres_state_t *gs;
	gres_node_state_t *ns;

	if (i < 0 || i >= node_record_count || !(node = node_record_table_ptr[i]) || !node->gres_list)
		return 0;
	if (!(gs = list_find_first(node->gres_list, gres_find_id, &gpu_id)) || !(ns = gs->gres_data))
		return 0;
	if (ns->gres_cnt_avail == NO_VAL64 || ns->gres_cnt_avail <= ns->gres_cnt_alloc)
		return 0;
	return ns->gres_cnt_avail - ns->gres_cnt_alloc > UINT32_MAX ? UINT32_MAX :
		(uint32_t) (ns->gres_cnt_avail - ns->gres_cnt_alloc);
}

/* The GPUs the job asks on each node, from its GRES request (job_ptr->gres_list_req, which sbatch's --gres=gpu:N,
 * --gpus-per-node, --gpus and --gpus-per-task all fill): gres_per_node; else gres_per_job spread over its least
 * node count; else gres_per_task times its tasks per node. Summed over typed entries (gpu:a100:1,gpu:t4:1). */
static uint32_t gpus_per_node_of(job_record_t *job_ptr, uint32_t gpu_id, uint32_t nodes)
{
	ListIterator it;
	gres_state_t *gs;
	uint64_t total = 0;

	if (!job_ptr->gres_list_req)
		return 0;
	if (!nodes)
		nodes = 1;
	it = list_iterator_create(job_ptr->gres_list_req);
	while ((gs = list_next(it))) {
		gres_job_state_t *js = gs->gres_data;
		if (gs->plugin_id != gpu_id || !js)
			continue;
		if (js->gres_per_node && js->gres_per_node != NO_VAL64)
			total += js->gres_per_node;
		else if (js->gres_per_job && js->gres_per_job != NO_VAL64)
			total += (js->gres_per_job + nodes - 1) / nodes;
		else if (js->gres_per_task && js->gres_per_task != NO_VAL64 && job_ptr->details) {
			uint32_t tasks = job_ptr->details->num_tasks ? job_ptr->details->num_tasks : 1;
			total += js->gres_per_task * ((tasks + nodes - 1) / nodes);
		}
	}
	list_iterator_destroy(it);
	return total > UINT32_MAX ? UINT32_MAX : (uint32_t) total;
}

/* The GPUs of the job on the n-th of its `nodes` nodes. From job_ptr->gres_list_alloc when it is filled: each `gpu`
 * entry's gres_cnt_node_alloc[n], summed over typed entries. That list is restored from the state file at a
 * slurmctld restart, but at a start slurmctld calls select_g_job_begin before select_g_select_nodeinfo_set, where
 * cons_tres fills it; then the job's request gives the count (gpus_per_node_of: exact for --gres=gpu:N and
 * --gpus-per-node, the even share for --gpus and --gpus-per-task). 0 when the job asks no GPUs. */
static uint32_t gpus_allocated_on(job_record_t *job_ptr, uint32_t gpu_id, uint32_t n, uint32_t nodes)
{
	ListIterator it;
	gres_state_t *gs;
	uint64_t total = 0;
	bool found = false;

	if (!job_ptr->gres_list_alloc || !list_count(job_ptr->gres_list_alloc))
		return gpus_per_node_of(job_ptr, gpu_id, nodes);
	it = list_iterator_create(job_ptr->gres_list_alloc);
	while ((gs = list_next(it))) {
		gres_job_state_t *js = gs->gres_data;
		if (gs->plugin_id != gpu_id || !js || !js->gres_cnt_node_alloc || n >= js->node_cnt)
			continue;
		total += js->gres_cnt_node_alloc[n];
		found = true;
	}
	list_iterator_destroy(it);
	if (!found)
		return gpus_per_node_of(job_ptr, gpu_id, nodes);
	return total > UINT32_MAX ? UINT32_MAX : (uint32_t) total;
}

int init(void)
{
	if (sizeof(forward_syms) != sizeof(cons))
		fatal("%s: forward_syms has %zu entries, slurm_select_ops_t %zu", plugin_type,
		      sizeof(forward_syms) / sizeof(char *), sizeof(cons) / sizeof(void *));
	if (!(cons_context = plugin_context_create("select", "select/cons_tres", (void **) &cons,
						   forward_syms, sizeof(forward_syms)))) {
		error("%s: cannot load select/cons_tres", plugin_type);
		return SLURM_ERROR;
	}
	if (running_in_slurmctld()) {
		char *path = teg_conf_path_beside(slurm_conf.slurm_conf);
		char err[TEG_CONF_ERR_LEN];
		bool found;

		teg_conf_defaults(&teg_conf, slurm_conf.state_save_location);
		if (teg_conf_read(&teg_conf, path, &found, err, sizeof(err)))
			fatal("%s: bad teg.conf: %s", plugin_type, err);
		info("%s: %s %s; Enabled=%s DecisionTimeout=%.3f ms", plugin_type,
		     found ? "read" : "no file, defaults for", path, teg_conf.enabled ? "yes" : "no",
		     teg_conf.decision_timeout_us / 1000.0);
		free(path);
		teg_active = teg_conf.enabled;
		if (teg_active)
			teg_bridge_start(&teg_conf);
	}
	return SLURM_SUCCESS;
}

int fini(void)
{
	int rc = SLURM_SUCCESS;
	if (teg_active) {
		teg_bridge_stop();
		teg_active = false;
	}
	teg_conf_free(&teg_conf);
	xfree(held_cpus);
	xfree(held_mem_mb);
	xfree(node_cpus);
	xfree(node_mem_mb);
	xfree(suspended_jobs);
	suspended_count = suspended_cap = 0;
	held_count = 0;
	if (cons_context) {
		rc = plugin_context_destroy(cons_context);
		cons_context = NULL;
	}
	return rc;
}

/* slurmctld never calls fini(), but it saves all state on its way out (and every few minutes): the counters line
 * goes to the log at shutdown, and at most every COUNTERS_LOG_INTERVAL_S otherwise. */
extern int select_p_state_save(char *dir_name)
{
	if (teg_active) {
		time_t now = time(NULL);
		if (&slurmctld_config && slurmctld_config.shutdown_time) {
			teg_bridge_log_counters("at shutdown");
			last_counters_log = now;
		} else if (!last_counters_log) {
			last_counters_log = now;
		} else if (now - last_counters_log >= COUNTERS_LOG_INTERVAL_S) {
			teg_bridge_log_counters("every 300 s");
			last_counters_log = now;
		}
	}
	return (*cons.state_save)(dir_name);
}

extern int select_p_state_restore(char *dir_name)
{
	return (*cons.state_restore)(dir_name);
}

extern int select_p_job_init(List job_list)
{
	/* read_slurm_conf() goes on with select_p_select_nodeinfo_set() for every recovered job, then ends with
	 * select_p_reconfigure(): in between, running jobs are the ones that survived a restart or reconfigure */
	recovering = true;
	return (*cons.job_init)(job_list);
}

extern int select_p_node_init(void)
{
	int rc = (*cons.node_init)();
	if (rc == SLURM_SUCCESS && teg_active) {
		teg_node_t *nodes = xcalloc(node_record_count ? node_record_count : 1, sizeof(teg_node_t));
		node_record_t *node;
		uint32_t n = 0;
		for (int i = 0; (node = next_node(&i)); i++) {
			nodes[n].index = (uint32_t) node->index;
			nodes[n].cpus = node->config_ptr ? node->config_ptr->cpus : node->cpus;
			nodes[n].real_memory_mb = node->config_ptr ? node->config_ptr->real_memory :
								    node->real_memory;
			nodes[n].gpus = configured_gpus(node->gres ? node->gres :
						       node->config_ptr ? node->config_ptr->gres : NULL);
			snprintf(nodes[n].name, TEG_NODE_NAME_LEN, "%s", node->name);
			n++;
		}
		teg_bridge_set_nodes(nodes, n);
		xfree(nodes);
		/* read_slurm_conf() re-adds every running job through select_p_select_nodeinfo_set() */
		held_count = node_record_count > 0 ? (uint32_t) node_record_count : 0;
		xrecalloc(held_cpus, held_count ? held_count : 1, sizeof(uint32_t));
		xrecalloc(held_mem_mb, held_count ? held_count : 1, sizeof(uint64_t));
		xrecalloc(node_cpus, held_count ? held_count : 1, sizeof(uint32_t));
		xrecalloc(node_mem_mb, held_count ? held_count : 1, sizeof(uint64_t));
		memset(held_cpus, 0, (held_count ? held_count : 1) * sizeof(uint32_t));
		memset(held_mem_mb, 0, (held_count ? held_count : 1) * sizeof(uint64_t));
		suspended_count = 0;
		for (int i = 0; (node = next_node(&i)); i++) {
			if ((uint32_t) node->index >= held_count)
				continue;
			node_cpus[node->index] = node->config_ptr ? node->config_ptr->cpus : node->cpus;
			node_mem_mb[node->index] = node->config_ptr ? node->config_ptr->real_memory :
								      node->real_memory;
		}
	}
	return rc;
}

/* "12.5" tokens -> 12500000 micro-tokens; 0 when malformed (spank_teg.so has already checked it). */
static uint64_t parse_micro_tokens(const char *s)
{
	uint64_t whole = 0, frac = 0;
	int frac_digits = 0;
	const char *p = s;

	for (; *p >= '0' && *p <= '9'; p++) {
		if (whole > 999999999999ull)
			return 0;
		whole = whole * 10 + (uint64_t) (*p - '0');
	}
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9' && frac_digits < 6; p++, frac_digits++)
			frac = frac * 10 + (uint64_t) (*p - '0');
	if (*p)
		return 0;
	for (; frac_digits < 6; frac_digits++)
		frac *= 10;
	return whole * 1000000ull + frac;
}

/* The --teg-bid, --teg-sla and --teg-class values that spank_teg.so left in the job control environment. sbatch stores them
 * as given (TEG_BID=...); the prolog and epilog see them with a SPANK_ prefix, which is accepted too. */
static void read_spank_values(job_record_t *job_ptr, teg_job_request_t *req)
{
	for (uint32_t i = 0; job_ptr->spank_job_env && i < job_ptr->spank_job_env_size; i++) {
		const char *e = job_ptr->spank_job_env[i];
		if (!e)
			continue;
		if (!strncmp(e, "SPANK_", 6))
			e += 6;
		if (!strncmp(e, "TEG_BID=", 8))
			req->bid_micro_tokens = parse_micro_tokens(e + 8);
		else if (!strcmp(e, "TEG_SLA=latency"))
			req->sla = TEG_SLA_LATENCY;
		else if (!strcmp(e, "TEG_SLA=throughput"))
			req->sla = TEG_SLA_THROUGHPUT;
		else if (!strcmp(e, "TEG_SLA=batch"))
			req->sla = TEG_SLA_BATCH;
		else if (!strncmp(e, "TEG_CLASS=", 10))
			snprintf(req->job_class, TEG_CLASS_LEN, "%s", e + 10);
	}
}

/* Asks TEG for a ranked subset of bitmap; returns it as a new bitmap, or NULL to leave bitmap alone. */
static bitstr_t *teg_ranked_subset(job_record_t *job_ptr, bitstr_t *bitmap, uint32_t min_nodes,
				   uint32_t max_nodes, uint32_t req_nodes)
{
	int64_t size = bit_size(bitmap);
	int count = bit_set_count(bitmap);
	uint32_t *candidates, *ranked, *free_cpus, *free_gpus, got, n = 0;
	uint32_t gpu_id = gres_build_id("gpu");
	uint64_t *free_mem;
	teg_job_request_t req = { 0 };
	bitstr_t *subset = NULL;

	if (count <= 0)
		return NULL;
	candidates = xcalloc(count, sizeof(uint32_t));
	ranked = xcalloc(count, sizeof(uint32_t));
	free_cpus = xcalloc(count, sizeof(uint32_t));
	free_mem = xcalloc(count, sizeof(uint64_t));
	free_gpus = xcalloc(count, sizeof(uint32_t));
	for (int64_t i = bit_ffs(bitmap); i >= 0 && i < size && n < (uint32_t) count; i++) {
		if (!bit_test(bitmap, i))
			continue;
		if ((uint64_t) i < held_count) {
			free_cpus[n] = node_cpus[i] > held_cpus[i] ? node_cpus[i] - held_cpus[i] : 0;
			free_mem[n] = node_mem_mb[i] > held_mem_mb[i] ? node_mem_mb[i] - held_mem_mb[i] : 0;
		}
		free_gpus[n] = free_gpus_on(i, gpu_id);
		candidates[n++] = (uint32_t) i;
	}
	req.job_id = job_ptr->job_id;
	req.user_id = job_ptr->user_id;
	req.min_nodes = min_nodes;
	req.max_nodes = max_nodes;
	req.req_nodes = req_nodes;
	req.min_cpus = job_ptr->details ? job_ptr->details->min_cpus : 1;
	if (job_ptr->details && !(job_ptr->details->pn_min_memory & MEM_PER_CPU))
		req.mem_per_node_mb = job_ptr->details->pn_min_memory;
	else if (job_ptr->details) {
		uint64_t per_cpu = job_ptr->details->pn_min_memory & ~MEM_PER_CPU;
		req.mem_per_cpu_mb = per_cpu > UINT32_MAX ? UINT32_MAX : (uint32_t) per_cpu;
	}
	if (job_ptr->details && job_ptr->details->whole_node == WHOLE_NODE_REQUIRED)
		req.flags |= TEG_JOB_WHOLE_NODES;
	read_spank_values(job_ptr, &req);
	req.time_limit_min = job_ptr->time_limit;
	req.priority = job_ptr->priority;
	req.candidate_count = n;
	req.candidates = candidates;
	req.ranked = ranked;
	req.free_cpus = free_cpus;
	req.free_mem_mb = free_mem;
	req.free_gpus = free_gpus;
	req.gpus_per_node = gpus_per_node_of(job_ptr, gpu_id, min_nodes);
	got = teg_bridge_job_test(&req);
	if (got > 0) {
		subset = bit_alloc(size);
		for (uint32_t i = 0; i < got; i++)
			if (ranked[i] < (uint32_t) size && bit_test(bitmap, ranked[i]))
				bit_set(subset, ranked[i]);
		if (bit_set_count(subset) < (int) (min_nodes ? min_nodes : 1))
			FREE_NULL_BITMAP(subset);
	}
	xfree(candidates);
	xfree(ranked);
	xfree(free_cpus);
	xfree(free_mem);
	xfree(free_gpus);
	return subset;
}

extern int select_p_job_test(job_record_t *job_ptr, bitstr_t *bitmap, uint32_t min_nodes,
			     uint32_t max_nodes, uint32_t req_nodes, uint16_t mode,
			     List preemptee_candidates, List *preemptee_job_list,
			     bitstr_t *exc_core_bitmap)
{
	bitstr_t *subset, *original;
	int rc;

	if (!teg_active || !SELECT_IS_MODE_RUN_NOW(mode) || !job_ptr || !bitmap)
		return (*cons.job_test)(job_ptr, bitmap, min_nodes, max_nodes, req_nodes, mode,
					preemptee_candidates, preemptee_job_list, exc_core_bitmap);
	if (!(subset = teg_ranked_subset(job_ptr, bitmap, min_nodes, max_nodes, req_nodes)))
		return (*cons.job_test)(job_ptr, bitmap, min_nodes, max_nodes, req_nodes, mode,
					preemptee_candidates, preemptee_job_list, exc_core_bitmap);
	original = bit_copy(bitmap);
	bit_copybits(bitmap, subset);
	FREE_NULL_BITMAP(subset);
	rc = (*cons.job_test)(job_ptr, bitmap, min_nodes, max_nodes, req_nodes, mode,
			      preemptee_candidates, preemptee_job_list, exc_core_bitmap);
	if (rc != SLURM_SUCCESS) {
		/* the ranked nodes cannot hold the job now: cons_tres decides over all candidates */
		debug("%s: JobId=%u does not fit TEG's ranked nodes, cons_tres picks", plugin_type,
		      job_ptr->job_id);
		if (preemptee_job_list)
			FREE_NULL_LIST(*preemptee_job_list);
		bit_copybits(bitmap, original);
		teg_bridge_job_outcome(job_ptr->job_id, TEG_OUTCOME_UNFIT);
		rc = (*cons.job_test)(job_ptr, bitmap, min_nodes, max_nodes, req_nodes, mode,
				      preemptee_candidates, preemptee_job_list, exc_core_bitmap);
	} else {
		teg_bridge_job_outcome(job_ptr->job_id, TEG_OUTCOME_USED);
	}
	FREE_NULL_BITMAP(original);
	return rc;
}

#define HOLD_CPUS 0x1 /* the job's cores: released while it is suspended (JOB_RES_ACTION_RESUME) */
#define HOLD_MEM 0x2  /* its memory: kept while it is suspended (JOB_RES_ACTION_SUSPEND) */
#define HOLD_ALL (HOLD_CPUS | HOLD_MEM)

static bool is_suspended(uint32_t job_id)
{
	for (uint32_t i = 0; i < suspended_count; i++)
		if (suspended_jobs[i] == job_id)
			return true;
	return false;
}

static void set_suspended(uint32_t job_id, bool on)
{
	for (uint32_t i = 0; i < suspended_count; i++)
		if (suspended_jobs[i] == job_id) {
			if (!on)
				suspended_jobs[i] = suspended_jobs[--suspended_count];
			return;
		}
	if (!on)
		return;
	if (suspended_count == suspended_cap) {
		suspended_cap = suspended_cap ? 2 * suspended_cap : 16;
		xrecalloc(suspended_jobs, suspended_cap, sizeof(uint32_t));
	}
	suspended_jobs[suspended_count++] = job_id;
}

/* What job_ptr holds now: its memory only while scontrol has it suspended, else its cores and memory. */
static int held_parts(job_record_t *job_ptr)
{
	return is_suspended(job_ptr->job_id) ? HOLD_MEM : HOLD_ALL;
}

/* Adds (sign > 0) or removes (sign < 0) the parts (HOLD_*) of what job_ptr's job_resrcs hold to held_cpus /
 * held_mem_mb. */
static void hold(job_record_t *job_ptr, int sign, int parts)
{
	job_resources_t *res = job_ptr->job_resrcs;
	int64_t size;
	uint32_t n = 0;

	if (!res || !res->node_bitmap || !held_count)
		return;
	size = bit_size(res->node_bitmap);
	for (int64_t i = bit_ffs(res->node_bitmap); i >= 0 && i < size && n < res->nhosts; i++) {
		uint32_t cpus;
		uint64_t mem;
		if (!bit_test(res->node_bitmap, i))
			continue;
		cpus = (parts & HOLD_CPUS) && res->cpus ? res->cpus[n] : 0;
		mem = (parts & HOLD_MEM) && res->memory_allocated ? res->memory_allocated[n] : 0;
		n++;
		if ((uint64_t) i >= held_count)
			continue;
		if (sign > 0) {
			held_cpus[i] += cpus;
			held_mem_mb[i] += mem;
		} else {
			held_cpus[i] = held_cpus[i] > cpus ? held_cpus[i] - cpus : 0;
			held_mem_mb[i] = held_mem_mb[i] > mem ? held_mem_mb[i] - mem : 0;
		}
	}
}

/* Tells TEG that job_ptr holds its nodes now (a start, or a running job found at slurmctld start-up). */
static void teg_tell_begin(job_record_t *job_ptr)
{
	job_resources_t *res = job_ptr->job_resrcs;
	int count = bit_set_count(job_ptr->node_bitmap);
	int64_t size = bit_size(job_ptr->node_bitmap);
	uint32_t *nodes = xcalloc(count > 0 ? count : 1, sizeof(uint32_t));
	uint32_t *cpus = xcalloc(count > 0 ? count : 1, sizeof(uint32_t));
	uint32_t *gpus = xcalloc(count > 0 ? count : 1, sizeof(uint32_t));
	uint32_t gpu_id = gres_build_id("gpu");
	uint32_t n = 0;

	for (int64_t i = bit_ffs(job_ptr->node_bitmap); i >= 0 && i < size && n < (uint32_t) count; i++) {
		if (!bit_test(job_ptr->node_bitmap, i))
			continue;
		/* job_resrcs->cpus is indexed by position within the allocation */
		if (res && res->cpus && n < res->nhosts)
			cpus[n] = res->cpus[n];
		else
			cpus[n] = count ? job_ptr->total_cpus / count : 0;
		gpus[n] = gpus_allocated_on(job_ptr, gpu_id, n, (uint32_t) count); /* also indexed by position */
		nodes[n++] = (uint32_t) i;
	}
	teg_bridge_job_begin(job_ptr->job_id, job_ptr->user_id, nodes, cpus, gpus, n);
	xfree(nodes);
	xfree(cpus);
	xfree(gpus);
}

extern int select_p_job_begin(job_record_t *job_ptr)
{
	int rc = (*cons.job_begin)(job_ptr);
	if (rc == SLURM_SUCCESS && teg_active && job_ptr && job_ptr->node_bitmap) {
		set_suspended(job_ptr->job_id, false);
		hold(job_ptr, +1, HOLD_ALL);
		teg_tell_begin(job_ptr);
	}
	return rc;
}

extern int select_p_job_ready(job_record_t *job_ptr)
{
	return (*cons.job_ready)(job_ptr);
}

/* cons_tres moves every resource of from_job_ptr to to_job_ptr and rebuilds to_job_ptr's job_resrcs (CPUs of
 * shared nodes are rescaled), leaving from_job_ptr with an empty node bitmap. Both jobs' holds are taken off
 * before and to_job_ptr's new job_resrcs added back after, so the counts are cons_tres's own; on a refusal
 * (cons_tres changes nothing then) both go back as they were. TEG hears a job_begin for to_job_ptr on its new
 * nodes (its lease moves there) and a job_fini for from_job_ptr. */
extern int select_p_job_expand(job_record_t *from_job_ptr, job_record_t *to_job_ptr)
{
	int rc;
	if (!teg_active || !from_job_ptr || !to_job_ptr)
		return (*cons.job_expand)(from_job_ptr, to_job_ptr);
	hold(from_job_ptr, -1, held_parts(from_job_ptr));
	hold(to_job_ptr, -1, held_parts(to_job_ptr));
	rc = (*cons.job_expand)(from_job_ptr, to_job_ptr);
	hold(from_job_ptr, +1, held_parts(from_job_ptr));
	hold(to_job_ptr, +1, held_parts(to_job_ptr));
	if (rc == SLURM_SUCCESS) {
		teg_bridge_job_fini(from_job_ptr->job_id);
		if (to_job_ptr->node_bitmap)
			teg_tell_begin(to_job_ptr);
	}
	return rc;
}

/* slurmctld has taken node_ptr out of job_ptr's node bitmap; cons_tres takes it out of job_resrcs (its memory,
 * its cores unless the job is suspended). As for expand: off before, back from the new job_resrcs after, and
 * TEG's lease moves to the nodes left (a job_begin, which settles the previous lease first). */
extern int select_p_job_resized(job_record_t *job_ptr, node_record_t *node_ptr)
{
	int rc;
	if (!teg_active || !job_ptr)
		return (*cons.job_resized)(job_ptr, node_ptr);
	hold(job_ptr, -1, held_parts(job_ptr));
	rc = (*cons.job_resized)(job_ptr, node_ptr);
	hold(job_ptr, +1, held_parts(job_ptr));
	if (rc == SLURM_SUCCESS && job_ptr->node_bitmap)
		teg_tell_begin(job_ptr);
	return rc;
}

extern int select_p_job_signal(job_record_t *job_ptr, int signal)
{
	return (*cons.job_signal)(job_ptr, signal);
}

extern int select_p_job_fini(job_record_t *job_ptr)
{
	int rc = (*cons.job_fini)(job_ptr);
	if (teg_active && job_ptr) {
		hold(job_ptr, -1, held_parts(job_ptr));
		set_suspended(job_ptr->job_id, false);
		teg_bridge_job_fini(job_ptr->job_id);
	}
	return rc;
}

/* scontrol suspend (indf_susp): cons_tres releases the job's cores and keeps its memory and GRES; so does the
 * free view. A gang scheduler's suspension (indf_susp false) changes nothing in cons_tres, nor here. TEG's lease
 * stays open while the job is suspended: the job still holds the nodes' memory and is still Slurm's to end. */
extern int select_p_job_suspend(job_record_t *job_ptr, bool indf_susp)
{
	int rc = (*cons.job_suspend)(job_ptr, indf_susp);
	if (rc == SLURM_SUCCESS && teg_active && indf_susp && job_ptr && !is_suspended(job_ptr->job_id)) {
		hold(job_ptr, -1, HOLD_CPUS);
		set_suspended(job_ptr->job_id, true);
	}
	return rc;
}

extern int select_p_job_resume(job_record_t *job_ptr, bool indf_susp)
{
	int rc = (*cons.job_resume)(job_ptr, indf_susp);
	if (rc == SLURM_SUCCESS && teg_active && indf_susp && job_ptr && is_suspended(job_ptr->job_id)) {
		hold(job_ptr, +1, HOLD_CPUS);
		set_suspended(job_ptr->job_id, false);
	}
	return rc;
}

extern bitstr_t *select_p_step_pick_nodes(job_record_t *job_ptr, select_jobinfo_t *jobinfo,
					  uint32_t node_count, bitstr_t **avail_nodes)
{
	return (*cons.step_pick_nodes)(job_ptr, jobinfo, node_count, avail_nodes);
}

extern int select_p_step_start(step_record_t *step_ptr)
{
	return (*cons.step_start)(step_ptr);
}

extern int select_p_step_finish(step_record_t *step_ptr, bool killing_step)
{
	return (*cons.step_finish)(step_ptr, killing_step);
}

extern int select_p_select_nodeinfo_pack(select_nodeinfo_t *nodeinfo, buf_t *buffer,
					 uint16_t protocol_version)
{
	return (*cons.nodeinfo_pack)(nodeinfo, buffer, protocol_version);
}

extern int select_p_select_nodeinfo_unpack(select_nodeinfo_t **nodeinfo, buf_t *buffer,
					   uint16_t protocol_version)
{
	return (*cons.nodeinfo_unpack)(nodeinfo, buffer, protocol_version);
}

extern select_nodeinfo_t *select_p_select_nodeinfo_alloc(void)
{
	return (*cons.nodeinfo_alloc)();
}

extern int select_p_select_nodeinfo_free(select_nodeinfo_t *nodeinfo)
{
	return (*cons.nodeinfo_free)(nodeinfo);
}

extern int select_p_select_nodeinfo_set_all(void)
{
	return (*cons.nodeinfo_set_all)();
}

extern int select_p_select_nodeinfo_set(job_record_t *job_ptr)
{
	int rc = (*cons.nodeinfo_set)(job_ptr);
	/* jobs still running after a restart hold their nodes: TEG opens their leases again */
	if (rc == SLURM_SUCCESS && teg_active && recovering && job_ptr && job_ptr->node_bitmap &&
	    (IS_JOB_RUNNING(job_ptr) || IS_JOB_SUSPENDED(job_ptr))) {
		/* as cons_tres: a job suspended by scontrol (priority 0) holds its memory only, a gang-suspended one
		 * everything */
		bool by_admin = IS_JOB_SUSPENDED(job_ptr) && job_ptr->priority == 0;
		set_suspended(job_ptr->job_id, by_admin);
		hold(job_ptr, +1, by_admin ? HOLD_MEM : HOLD_ALL);
		teg_tell_begin(job_ptr);
	}
	return rc;
}

extern int select_p_select_nodeinfo_get(select_nodeinfo_t *nodeinfo, enum select_nodedata_type dinfo,
					enum node_states state, void *data)
{
	return (*cons.nodeinfo_get)(nodeinfo, dinfo, state, data);
}

extern select_jobinfo_t *select_p_select_jobinfo_alloc(void)
{
	return (*cons.jobinfo_alloc)();
}

extern int select_p_select_jobinfo_free(select_jobinfo_t *jobinfo)
{
	return (*cons.jobinfo_free)(jobinfo);
}

extern int select_p_select_jobinfo_set(select_jobinfo_t *jobinfo, enum select_jobdata_type data_type,
				       void *data)
{
	return (*cons.jobinfo_set)(jobinfo, data_type, data);
}

extern int select_p_select_jobinfo_get(select_jobinfo_t *jobinfo, enum select_jobdata_type data_type,
				       void *data)
{
	return (*cons.jobinfo_get)(jobinfo, data_type, data);
}

extern select_jobinfo_t *select_p_select_jobinfo_copy(select_jobinfo_t *jobinfo)
{
	return (*cons.jobinfo_copy)(jobinfo);
}

extern int select_p_select_jobinfo_pack(select_jobinfo_t *jobinfo, buf_t *buffer,
					uint16_t protocol_version)
{
	return (*cons.jobinfo_pack)(jobinfo, buffer, protocol_version);
}

extern int select_p_select_jobinfo_unpack(select_jobinfo_t **jobinfo, buf_t *buffer,
					  uint16_t protocol_version)
{
	return (*cons.jobinfo_unpack)(jobinfo, buffer, protocol_version);
}

extern char *select_p_select_jobinfo_sprint(select_jobinfo_t *jobinfo, char *buf, size_t size, int mode)
{
	return (*cons.jobinfo_sprint)(jobinfo, buf, size, mode);
}

extern char *select_p_select_jobinfo_xstrdup(select_jobinfo_t *jobinfo, int mode)
{
	return (*cons.jobinfo_xstrdup)(jobinfo, mode);
}

extern int select_p_get_info_from_plugin(enum select_plugindata_info dinfo, job_record_t *job_ptr,
					 void *data)
{
	return (*cons.get_info_from_plugin)(dinfo, job_ptr, data);
}

extern int select_p_update_node_config(int index)
{
	return (*cons.update_node_config)(index);
}

extern int select_p_reconfigure(void)
{
	recovering = false;
	if (teg_active)
		teg_bridge_log_counters("at reconfigure");
	return (*cons.reconfigure)();
}

extern bitstr_t *select_p_resv_test(resv_desc_msg_t *resv_desc_ptr, uint32_t node_cnt,
				    bitstr_t *avail_bitmap, bitstr_t **core_bitmap)
{
	return (*cons.resv_test)(resv_desc_ptr, node_cnt, avail_bitmap, core_bitmap);
}
