/*
 * spank_teg: the sbatch, srun and salloc options of TEG.
 *
 *   --teg-bid=TOKENS          what the job offers to pay, in tokens: a positive decimal number with at most
 *                             12 digits before the point and 6 after (the ledger counts micro-tokens)
 *   --teg-sla=latency|throughput|batch
 *                             the service class: latency (start as soon as possible, pays a premium),
 *                             throughput (the default class: steady progress at the market price),
 *                             batch (may wait for cheap, cool capacity)
 *   --teg-class=NAME          a site-defined job class: 1 to 64 of [A-Za-z0-9_.-]
 *
 * A bad value makes the command refuse the job with one line that names the option and the value.
 * Valid values travel with the job:
 *   - in the job control environment (spank_job_control_setenv), which Slurm keeps with the job record
 *     as SPANK_TEG_BID, SPANK_TEG_SLA and SPANK_TEG_CLASS (job_record.spank_job_env: what select/teg reads,
 *     and what the prolog and epilog see);
 *   - in the job's own environment as TEG_BID, TEG_SLA and TEG_CLASS (set by slurmstepd, remote context).
 * Options that are not given are not set; select/teg then applies its teg.conf defaults.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <slurm/spank.h>

SPANK_PLUGIN(teg, 1);

#define TEG_VALUE_MAX 80


static char bid[TEG_VALUE_MAX];
static char sla[TEG_VALUE_MAX];
static char job_class[TEG_VALUE_MAX];

/* The SLA names, in the order of the usage text. */
static const char *const slas[] = { "latency", "throughput", "batch", NULL };

/* 1 when s is a positive decimal number of tokens: 1 to 12 significant digits, optionally '.' and 1 to 6 more. */
static int valid_bid(const char *s)
{
	size_t whole = 0, frac = 0;
	int nonzero = 0;
	const char *p = s;

	while (*p == '0')
		p++;
	while (isdigit((unsigned char) *p)) {
		nonzero = 1;
		whole++;
		p++;
	}
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char) *p)) {
			if (*p != '0')
				nonzero = 1;
			frac++;
			p++;
		}
		if (frac == 0)
			return 0;
	}
	return *p == '\0' && isdigit((unsigned char) s[0]) && nonzero && whole <= 12 && frac <= 6;
}

static int valid_sla(const char *s)
{
	for (int i = 0; slas[i]; i++)
		if (strcmp(s, slas[i]) == 0)
			return 1;
	return 0;
}

static int valid_class(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 64)
		return 0;
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char) *p) && *p != '_' && *p != '.' && *p != '-')
			return 0;
	return 1;
}

static int keep(char *dst, const char *value)
{
	snprintf(dst, TEG_VALUE_MAX, "%s", value);
	return 0;
}

static int opt_bid(int val, const char *optarg, int remote)
{
	if (optarg == NULL || !valid_bid(optarg)) {
		slurm_error("--teg-bid=%s: must be a positive number of tokens (e.g. 12 or 0.5; at most 12 digits before the point and 6 after)",
			    optarg ? optarg : "");
		return -1;
	}
	return keep(bid, optarg);
}

static int opt_sla(int val, const char *optarg, int remote)
{
	if (optarg == NULL || !valid_sla(optarg)) {
		slurm_error("--teg-sla=%s: must be one of latency, throughput, batch",
			    optarg ? optarg : "");
		return -1;
	}
	return keep(sla, optarg);
}

static int opt_class(int val, const char *optarg, int remote)
{
	if (optarg == NULL || !valid_class(optarg)) {
		slurm_error("--teg-class=%s: must be 1 to 64 letters, digits, '_', '.' or '-'",
			    optarg ? optarg : "");
		return -1;
	}
	return keep(job_class, optarg);
}

/*
 * Registered from slurm_spank_init() rather than exported as spank_options: sbatch and salloc (the allocator
 * context) ignore a static table.
 */
static struct spank_option teg_options[] = {
	{ "teg-bid", "TOKENS",
	  "TEG: tokens the job offers to pay (positive, at most 6 decimals)", 1, 0, opt_bid },
	{ "teg-sla", "latency|throughput|batch",
	  "TEG: service class (latency: start soon; throughput: default; batch: may wait for cheap capacity)",
	  1, 0, opt_sla },
	{ "teg-class", "NAME",
	  "TEG: site-defined job class (letters, digits, _ . -)", 1, 0, opt_class },
	SPANK_OPTIONS_TABLE_END
};

/* Puts one value where the context wants it; returns the SPANK error code. */
static int publish(spank_t sp, const char *name, const char *value)
{
	spank_err_t rc;

	if (value[0] == '\0')
		return ESPANK_SUCCESS;
	if (spank_remote(sp))
		rc = spank_setenv(sp, name, value, 1);
	else
		rc = spank_job_control_setenv(sp, name, value, 1);
	if (rc != ESPANK_SUCCESS)
		slurm_error("spank_teg: cannot set %s=%s: %s", name, value, spank_strerror(rc));
	return rc;
}

int slurm_spank_init(spank_t sp, int ac, char **av)
{
	for (struct spank_option *o = teg_options; o->name; o++) {
		spank_err_t rc = spank_option_register(sp, o);

		if (rc != ESPANK_SUCCESS) {
			slurm_error("spank_teg: cannot register --%s: %s", o->name, spank_strerror(rc));
			return -1;
		}
	}
	return 0;
}

int slurm_spank_init_post_opt(spank_t sp, int ac, char **av)
{
	spank_context_t ctx = spank_context();

	if (ctx != S_CTX_LOCAL && ctx != S_CTX_ALLOCATOR && ctx != S_CTX_REMOTE)
		return 0;
	if (publish(sp, "TEG_BID", bid) || publish(sp, "TEG_SLA", sla) || publish(sp, "TEG_CLASS", job_class))
		return -1;
	return 0;
}
