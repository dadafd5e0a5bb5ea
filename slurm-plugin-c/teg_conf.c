/* teg.conf parsing: see teg_conf.h. Plain C (no Slurm symbols) so that it is testable on its own. */
#include "teg_conf.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static void set_str(char **slot, const char *value)
{
	free(*slot);
	*slot = strdup(value);
}

void teg_conf_defaults(teg_conf_t *conf, const char *state_save_dir)
{
	const char *jh = getenv("JAVA_HOME");
	memset(conf, 0, sizeof(*conf));
	conf->enabled = true;
	conf->decision_timeout_us = 20000;
	conf->java_home = strdup(jh && *jh ? jh : "/usr/lib/jvm/temurin-25-jdk-amd64");
	conf->jvm_path = NULL;
	conf->class_path = strdup("/usr/share/teg/teg.jar");
	conf->jvm_heap_mb = 512;
	conf->jvm_options = NULL;
	if (state_save_dir) {
		size_t n = strlen(state_save_dir) + 32;
		conf->decision_log = malloc(n);
		snprintf(conf->decision_log, n, "%s/teg-decisions.log", state_save_dir);
	} else {
		conf->decision_log = strdup("/var/spool/slurmctld/teg-decisions.log");
	}
	conf->java_suspend_signal = SIGRTMIN + 5;
	conf->fallback_log_interval_s = 60;
	conf->handoff_poll_us = 200;
}

void teg_conf_free(teg_conf_t *conf)
{
	free(conf->java_home);
	free(conf->jvm_path);
	free(conf->class_path);
	free(conf->jvm_options);
	free(conf->decision_log);
	free(conf->grid_client_config);
	memset(conf, 0, sizeof(*conf));
}

char *teg_conf_path_beside(const char *slurm_conf_path)
{
	const char *base = slurm_conf_path ? slurm_conf_path : "/etc/slurm/slurm.conf";
	const char *slash = strrchr(base, '/');
	size_t dir_len = slash ? (size_t) (slash - base) : 1;
	char *out = malloc(dir_len + 16);
	if (slash)
		snprintf(out, dir_len + 16, "%.*s/teg.conf", (int) dir_len, base);
	else
		snprintf(out, dir_len + 16, "./teg.conf");
	return out;
}

static char *trim(char *s)
{
	char *end;
	while (isspace((unsigned char) *s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char) end[-1]))
		*--end = '\0';
	return s;
}

static int parse_bool(const char *v, bool *out)
{
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcmp(v, "1")) {
		*out = true;
		return 0;
	}
	if (!strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcmp(v, "0")) {
		*out = false;
		return 0;
	}
	return -1;
}

static int parse_u32(const char *v, unsigned long lo, unsigned long hi, uint32_t *out)
{
	char *end;
	unsigned long n;
	if (!*v || !isdigit((unsigned char) *v))
		return -1;
	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno || *end || n < lo || n > hi)
		return -1;
	*out = (uint32_t) n;
	return 0;
}

/* milliseconds with up to three decimals, in [lo_ms, hi_ms], kept in microseconds */
static int parse_ms(const char *v, double lo_ms, double hi_ms, uint32_t *out_us)
{
	char *end;
	double ms;
	if (!*v || !(isdigit((unsigned char) *v)))
		return -1;
	errno = 0;
	ms = strtod(v, &end);
	if (errno || *end || ms < lo_ms || ms > hi_ms)
		return -1;
	*out_us = (uint32_t) (ms * 1000.0 + 0.5);
	return 0;
}

int teg_conf_read(teg_conf_t *conf, const char *path, bool *found, char *err, int err_len)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	int lineno = 0;

	*found = false;
	if (!f) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, err_len, "%s:0: cannot open: %s", path, strerror(errno));
		return -1;
	}
	*found = true;
	while (fgets(line, sizeof(line), f)) {
		char *hash, *eq, *key, *val;
		uint32_t n;
		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			snprintf(err, err_len, "%s:%d: line longer than %zu characters", path, lineno,
				 sizeof(line) - 1);
			goto fail;
		}
		if ((hash = strchr(line, '#')))
			*hash = '\0';
		key = trim(line);
		if (!*key)
			continue;
		if (!(eq = strchr(key, '='))) {
			snprintf(err, err_len, "%s:%d: expected Key=Value, found \"%s\"", path, lineno, key);
			goto fail;
		}
		*eq = '\0';
		val = trim(eq + 1);
		key = trim(key);
		if (!*val) {
			snprintf(err, err_len, "%s:%d: %s has no value", path, lineno, key);
			goto fail;
		}
		if (!strcasecmp(key, "Enabled")) {
			if (parse_bool(val, &conf->enabled))
				goto bad_value_bool;
		} else if (!strcasecmp(key, "DecisionTimeout")) {
			if (parse_ms(val, 0.001, 60000.0, &conf->decision_timeout_us)) {
				snprintf(err, err_len,
					 "%s:%d: DecisionTimeout=%s: expected milliseconds in [0.001, 60000]",
					 path, lineno, val);
				goto fail;
			}
		} else if (!strcasecmp(key, "JavaHome")) {
			if (val[0] != '/')
				goto bad_path;
			set_str(&conf->java_home, val);
		} else if (!strcasecmp(key, "JvmPath")) {
			if (val[0] != '/')
				goto bad_path;
			set_str(&conf->jvm_path, val);
		} else if (!strcasecmp(key, "ClassPath")) {
			if (val[0] != '/')
				goto bad_path;
			set_str(&conf->class_path, val);
		} else if (!strcasecmp(key, "JvmHeap")) {
			if (parse_u32(val, 32, 1048576, &conf->jvm_heap_mb)) {
				snprintf(err, err_len, "%s:%d: JvmHeap=%s: expected MiB in [32, 1048576]",
					 path, lineno, val);
				goto fail;
			}
		} else if (!strcasecmp(key, "JvmOptions")) {
			set_str(&conf->jvm_options, val);
		} else if (!strcasecmp(key, "DecisionLog")) {
			if (val[0] != '/')
				goto bad_path;
			set_str(&conf->decision_log, val);
		} else if (!strcasecmp(key, "GridClientConfig")) {
			if (val[0] != '/')
				goto bad_path;
			if (access(val, R_OK)) {
				snprintf(err, err_len, "%s:%d: GridClientConfig=%s: cannot be read: %s", path, lineno,
					 val, strerror(errno));
				goto fail;
			}
			set_str(&conf->grid_client_config, val);
		} else if (!strcasecmp(key, "JavaSuspendSignal")) {
			if (parse_u32(val, SIGRTMIN, SIGRTMAX, &n)) {
				snprintf(err, err_len,
					 "%s:%d: JavaSuspendSignal=%s: expected a real-time signal in [%d, %d]",
					 path, lineno, val, SIGRTMIN, SIGRTMAX);
				goto fail;
			}
			conf->java_suspend_signal = (int) n;
		} else if (!strcasecmp(key, "FallbackLogInterval")) {
			if (parse_u32(val, 0, 86400, &conf->fallback_log_interval_s)) {
				snprintf(err, err_len,
					 "%s:%d: FallbackLogInterval=%s: expected seconds in [0, 86400]",
					 path, lineno, val);
				goto fail;
			}
		} else if (!strcasecmp(key, "HandOffPoll")) {
			if (parse_ms(val, 0.0, 1000.0, &conf->handoff_poll_us)) {
				snprintf(err, err_len, "%s:%d: HandOffPoll=%s: expected milliseconds in [0, 1000]",
					 path, lineno, val);
				goto fail;
			}
		} else {
			snprintf(err, err_len,
				 "%s:%d: unknown key \"%s\" (known: Enabled, DecisionTimeout, JavaHome, JvmPath, "
				 "ClassPath, JvmHeap, JvmOptions, DecisionLog, GridClientConfig, JavaSuspendSignal, "
				 "FallbackLogInterval, HandOffPoll)",
				 path, lineno, key);
			goto fail;
		}
		continue;
bad_value_bool:
		snprintf(err, err_len, "%s:%d: %s=%s: expected yes or no", path, lineno, key, val);
		goto fail;
bad_path:
		snprintf(err, err_len, "%s:%d: %s=%s: expected an absolute path", path, lineno, key, val);
		goto fail;
	}
	fclose(f);
	return 0;
fail:
	fclose(f);
	return -1;
}

