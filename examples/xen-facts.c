/*
 * xen-facts: what the hypervisor under this dom0 says about itself, as
 * Linux exposes it in /sys/hypervisor, reported through libxentoollog.
 */
#include <stdio.h>
#include <string.h>

#include <xentoollog.h>

static void report(xentoollog_logger *log, const char *label, const char *path)
{
    char value[256] = "";
    FILE *f = fopen(path, "re");

    if (!f) {
        xtl_log(log, XTL_WARN, -1, "xen-facts", "%s: cannot read %s", label, path);
        return;
    }
    if (fgets(value, sizeof(value), f))
        value[strcspn(value, "\n")] = '\0';
    fclose(f);
    printf("  %-14s %s\n", label, value);
}

int main(void)
{
    xentoollog_logger_stdiostream *log = xtl_createlogger_stdiostream(stderr, XTL_INFO, 0);
    char version[64];
    FILE *major = fopen("/sys/hypervisor/version/major", "re");
    FILE *minor = fopen("/sys/hypervisor/version/minor", "re");
    int maj = -1, min = -1;

    if (!major || !minor || fscanf(major, "%d", &maj) != 1 || fscanf(minor, "%d", &min) != 1) {
        xtl_log((xentoollog_logger *)log, XTL_ERROR, -1, "xen-facts",
                "no Xen hypervisor here (/sys/hypervisor/version is missing)");
        return 1;
    }
    fclose(major);
    fclose(minor);
    snprintf(version, sizeof(version), "%d.%d", maj, min);
    printf("Xen hypervisor facts\n  %-14s %s\n", "version", version);
    report((xentoollog_logger *)log, "extraversion", "/sys/hypervisor/version/extra");
    report((xentoollog_logger *)log, "changeset", "/sys/hypervisor/properties/changeset");
    report((xentoollog_logger *)log, "compiled", "/sys/hypervisor/compilation/compile_date");
    report((xentoollog_logger *)log, "capabilities", "/sys/hypervisor/properties/capabilities");
    report((xentoollog_logger *)log, "this domain", "/proc/xen/capabilities");
    xtl_logger_destroy((xentoollog_logger *)log);
    return 0;
}
