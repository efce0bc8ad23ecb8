/*
 * kernel/dev/rtc.c - the CMOS real-time clock, read for wall-clock time.
 *
 * Owns CMOS ports 0x70/0x71. Reads run with interrupts off, because the
 * index written to port 0x70 must not change before the data is read;
 * there is no other state. The RTC is assumed to keep UTC.
 * Reference: Motorola MC146818 data sheet; OSDev wiki "CMOS".
 */
#include "kernel.h"
#include "errno.h"
#include "rtc.h"
#include "arch/x86/io.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define CMOS_NMI_OFF 0x80 /* keep NMIs masked while indexing */
#define RTC_SEC 0x00
#define RTC_MIN 0x02
#define RTC_HOUR 0x04
#define RTC_DAY 0x07
#define RTC_MON 0x08
#define RTC_YEAR 0x09
#define RTC_STATUS_A 0x0A
#define RTC_STATUS_B 0x0B
#define RTC_A_UIP 0x80	     /* update in progress: values unstable */
#define RTC_UIP_SPINS 100000 /* polls; an update takes < 2 ms */
#define RTC_READ_TRIES 8     /* reads until two agree */

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, CMOS_NMI_OFF | reg);
	return inb(CMOS_DATA);
}

/* Wait for the update-in-progress flag to clear; false if it never does
 * (no RTC, or a stuck one). */
static bool wait_update_done(void)
{
	for (int i = 0; i < RTC_UIP_SPINS; i++)
		if (!(cmos_read(RTC_STATUS_A) & RTC_A_UIP))
			return true;
	return false;
}

static bool read_regs(struct rtc_regs *r)
{
	if (!wait_update_done())
		return false;
	r->sec = cmos_read(RTC_SEC);
	r->min = cmos_read(RTC_MIN);
	r->hour = cmos_read(RTC_HOUR);
	r->day = cmos_read(RTC_DAY);
	r->mon = cmos_read(RTC_MON);
	r->year = cmos_read(RTC_YEAR);
	r->status_b = cmos_read(RTC_STATUS_B);
	return true;
}

/*
 * rtc_read - the current UTC date from the RTC. The registers are read
 * until two reads in a row agree, so an update between two registers
 * (e.g. 23:59:59 -> 00:00:00) cannot give a mixed date.
 * Returns 0; -EIO when the clock never settles; -EINVAL when it holds an
 * impossible date.
 */
int rtc_read(struct wall_time *t)
{
	struct rtc_regs a, b;
	uint32_t f = irq_save();
	int err = -EIO;

	if (!read_regs(&a))
		goto out;
	for (int i = 0; i < RTC_READ_TRIES; i++) {
		if (!read_regs(&b))
			goto out;
		if (memcmp(&a, &b, sizeof(a)) == 0) {
			err = rtc_decode(&a, t);
			goto out;
		}
		a = b;
	}
out:
	irq_restore(f);
	return err;
}

/* rtc_epoch_seconds - seconds since 1970-01-01T00:00:00Z now, or a
 * negative errno when the RTC cannot be read (see rtc_read). */
int64_t rtc_epoch_seconds(void)
{
	struct wall_time t;
	int err = rtc_read(&t);

	return err ? err : wall_time_to_epoch(&t);
}

/* rtc_init - print the wall-clock date once at boot (ISO 8601, UTC). */
void rtc_init(void)
{
	struct wall_time t;
	int err = rtc_read(&t);

	if (err) {
		pr_warn("rtc: cannot read the clock: error %d\n", err);
		return;
	}
	pr_info("rtc: %04d-%02d-%02dT%02d:%02d:%02dZ (epoch %lld)\n", t.year,
		t.mon, t.day, t.hour, t.min, t.sec,
		(long long)wall_time_to_epoch(&t));
}
