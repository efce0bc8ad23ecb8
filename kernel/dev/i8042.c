/*
 * kernel/dev/i8042.c - the 8042 PS/2 controller: is it there, and set up
 * for the keyboard.
 *
 * Owns the controller's command/status port (0x64), its data port (0x60)
 * during initialisation, and the controller configuration byte (CTR).
 * After i8042_init, only the IRQ 1 handler (kernel/dev/kbd.c) reads the
 * data port, through i8042_read_byte. Runs once at boot with interrupts
 * off; no locking.
 *
 * Invariants: every wait on the status register is bounded
 * (I8042_SPIN polls), so a missing or dead controller costs a few
 * milliseconds, never a hang; when i8042_init fails the controller is
 * left with its ports disabled (or was never there) and nothing here is
 * called again.
 *
 * Follows Linux's drivers/input/serio/i8042.c behaviour (not its code):
 * believe the firmware when ACPI says there is no 8042; flush; disable
 * both ports; controller self-test (0xAA -> 0x55, retried); the CTR with
 * interrupts off while setting up, translation on (the keyboard's set 2
 * arrives as set 1, which kernel/dev/kbdmap.c expects); keyboard
 * interface test (0xAB -> 0); then the keyboard port and its interrupt
 * on. The mouse port stays disabled. Command set: IBM PS/2 Technical
 * Reference, 8042 "Keyboard/Auxiliary Device Controller"; OSDev wiki
 * "8042 PS/2 Controller".
 */
#include "kernel.h"
#include "acpi.h"
#include "errno.h"
#include "i8042.h"
#include "arch/x86/io.h"

#define I8042_DATA 0x60
#define I8042_CMD 0x64 /* write: command; read: status */
#define STR_OBF 0x01   /* output buffer full: a byte for us */
#define STR_IBF 0x02   /* input buffer full: do not write yet */

#define CMD_CTR_READ 0x20
#define CMD_CTR_WRITE 0x60
#define CMD_AUX_DISABLE 0xA7
#define CMD_SELF_TEST 0xAA
#define CMD_KBD_TEST 0xAB
#define CMD_KBD_DISABLE 0xAD
#define CMD_KBD_ENABLE 0xAE

#define CTR_KBDINT 0x01 /* IRQ 1 on keyboard data */
#define CTR_AUXINT 0x02 /* IRQ 12 on mouse data */
#define CTR_KBDDIS 0x10 /* keyboard clock off */
#define CTR_AUXDIS 0x20 /* mouse clock off */
#define CTR_XLATE 0x40	/* translate to scancode set 1 */

#define SELF_TEST_OK 0x55
#define KBD_TEST_OK 0x00
#define I8042_SPIN 20000  /* status polls per wait, about 1 us each */
#define I8042_BUFFER 16	  /* a flush reading more finds no controller */
#define SELF_TEST_TRIES 5 /* as Linux */

/* Wait until the controller takes a byte; false on timeout. */
static bool wait_write(void)
{
	for (int i = 0; i < I8042_SPIN; i++) {
		if (!(inb(I8042_CMD) & STR_IBF))
			return true;
		io_wait();
	}
	return false;
}

/* Wait for a byte from the controller; false on timeout. */
static bool wait_read(void)
{
	for (int i = 0; i < I8042_SPIN; i++) {
		if (inb(I8042_CMD) & STR_OBF)
			return true;
		io_wait();
	}
	return false;
}

/* Send a controller command, with one argument byte if arg >= 0, and
 * read one reply byte into *reply if reply is not NULL. 0 or -ETIMEDOUT. */
static int command(uint8_t cmd, int arg, uint8_t *reply)
{
	if (!wait_write())
		return -ETIMEDOUT;
	outb(I8042_CMD, cmd);
	if (arg >= 0) {
		if (!wait_write())
			return -ETIMEDOUT;
		outb(I8042_DATA, (uint8_t)arg);
	}
	if (!reply)
		return 0;
	if (!wait_read())
		return -ETIMEDOUT;
	*reply = inb(I8042_DATA);
	return 0;
}

/* Drop whatever waits in the output buffer. With no controller the
 * status port floats to 0xFF and "full" never ends: -ENODEV. */
static int flush(void)
{
	for (int i = 0; i < I8042_BUFFER; i++) {
		if (!(inb(I8042_CMD) & STR_OBF))
			return 0;
		io_wait();
		(void)inb(I8042_DATA);
	}
	return -ENODEV;
}

static int self_test(void)
{
	uint8_t r = 0;

	for (int i = 0; i < SELF_TEST_TRIES; i++)
		if (command(CMD_SELF_TEST, -1, &r) == 0 && r == SELF_TEST_OK)
			return 0;
	pr_warn("i8042: controller self-test failed (%#x)\n", r);
	return -EIO;
}

/* Both ports off, nothing pending. */
static int quiesce(void)
{
	if (flush() || command(CMD_KBD_DISABLE, -1, NULL) ||
	    command(CMD_AUX_DISABLE, -1, NULL))
		return -ENODEV;
	return flush();
}

/* CTR for set-up: no interrupts, both clocks off, translation on.
 * Returns it as written (read back), or -errno. */
static int ctr_setup(void)
{
	uint8_t ctr;

	if (command(CMD_CTR_READ, -1, &ctr))
		return -ETIMEDOUT;
	ctr &= (uint8_t) ~(CTR_KBDINT | CTR_AUXINT);
	ctr |= CTR_KBDDIS | CTR_AUXDIS | CTR_XLATE;
	if (command(CMD_CTR_WRITE, ctr, NULL) ||
	    command(CMD_CTR_READ, -1, &ctr))
		return -ETIMEDOUT;
	if (!(ctr & CTR_XLATE))
		pr_warn("i8042: translation stays off; keys may be wrong\n");
	return ctr;
}

static int kbd_port_test(void)
{
	uint8_t r;

	if (command(CMD_KBD_TEST, -1, &r))
		return -ETIMEDOUT;
	if (r != KBD_TEST_OK) {
		pr_warn("i8042: keyboard port test failed (%#x)\n", r);
		return -EIO;
	}
	return 0;
}

static int kbd_port_enable(uint8_t ctr)
{
	ctr &= (uint8_t)~CTR_KBDDIS;
	ctr |= CTR_KBDINT;
	if (command(CMD_KBD_ENABLE, -1, NULL) ||
	    command(CMD_CTR_WRITE, ctr, NULL))
		return -ETIMEDOUT;
	return 0;
}

/* Say once why there is no PS/2 keyboard. */
static int absent(const char *why)
{
	pr_info("i8042: no PS/2 controller (%s); no PS/2 keyboard\n", why);
	return -ENODEV;
}

/*
 * i8042_init - find and set up the controller for the keyboard, as
 * Linux's i8042 driver does (see the file comment). fw is what the ACPI
 * FADT says (acpi_has_8042): ACPI_NO is believed, as Linux does.
 * Interrupts must be off. Returns 0 with the keyboard port enabled and
 * its interrupt on in the CTR (the caller then takes IRQ 1); -ENODEV
 * when there is no controller; -EIO when a test fails. Every outcome
 * prints one line.
 */
int i8042_init(enum acpi_answer fw)
{
	int ctr, err;

	if (fw == ACPI_NO)
		return absent("ACPI FADT IAPC_BOOT_ARCH says none");
	if (quiesce())
		return absent("no answer on port 0x64");
	err = self_test();
	if (err)
		return err;
	ctr = ctr_setup();
	if (ctr < 0)
		return absent("timeout after the self-test");
	err = kbd_port_test();
	if (err)
		return err;
	if (kbd_port_enable((uint8_t)ctr))
		return absent("timeout enabling the keyboard port");
	pr_info("i8042: keyboard port on (self-test passed, scancode set %s)\n",
		(ctr & CTR_XLATE) ? "1 by translation" : "as the keyboard's");
	return 0;
}

/* i8042_read_byte - the byte waiting in the data port, or -1 if none.
 * For the IRQ 1 handler. */
int i8042_read_byte(void)
{
	if (!(inb(I8042_CMD) & STR_OBF))
		return -1;
	return inb(I8042_DATA);
}
