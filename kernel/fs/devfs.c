/*
 * kernel/fs/devfs.c - /dev: a tmpfs instance holding char device nodes,
 * the table mapping device numbers to drivers, and the memory devices
 * null, zero, full and urandom (Linux drivers/char/mem.c numbering).
 *
 * Owns: the devfs superblock, the driver table (chrdevs), the urandom
 * generator state. Drivers (console, tty) add themselves with
 * devfs_register. A node opened anywhere (also one made by mknod or
 * unpacked from the initramfs) finds its driver by device number.
 * Locking: none (see vfs.h).
 */
#include "kernel.h"
#include "errno.h"
#include "vfs.h"
#include "fs.h"
#include "file.h"
#include "fsmem.h"

struct chrdev {
	uint32_t rdev;
	const struct file_ops *fops;
};

static struct chrdev chrdevs[DEVFS_MAX_DEVICES];
static int nchrdevs;
static struct superblock *devsb;
static uint64_t rng_state;

const struct file_ops *chrdev_lookup(uint32_t rdev)
{
	for (int i = 0; i < nchrdevs; i++)
		if (chrdevs[i].rdev == rdev)
			return chrdevs[i].fops;
	return NULL;
}

/* Memory devices have no position; lseek succeeds and stays at 0. */
static int64_t mem_lseek(struct file *f, int64_t off, int whence)
{
	f->pos = 0;
	return 0;
}

static long null_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	return 0;
}

static long sink_write(struct file *f, const void *buf, size_t n, int64_t *pos)
{
	return n;
}

/*
 * The user-buffer ops of the memory devices that never touch the data:
 * a write to null or zero is taken whole and a read of null ends at
 * once without the buffer being looked at, so a bad buffer is not
 * EFAULT (Linux drivers/char/mem.c write_null, read_null, write_full).
 */
static long null_read_user(struct file *f, void __user *ubuf, size_t n)
{
	return 0;
}

static long sink_write_user(struct file *f, const void __user *ubuf, size_t n)
{
	return n;
}

static long full_write_user(struct file *f, const void __user *ubuf, size_t n)
{
	return n ? -ENOSPC : 0;
}

static long zero_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	memset(buf, 0, n);
	return n;
}

static long full_write(struct file *f, const void *buf, size_t n, int64_t *pos)
{
	return n ? -ENOSPC : 0;
}

/* xorshift64* (Vigna 2016): fast, not cryptographic. */
static uint64_t rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static long urandom_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	uint8_t *p = buf;

	for (size_t i = 0; i < n; i += 8) {
		uint64_t r = rng_next();

		memcpy(p + i, &r, MIN(n - i, 8));
	}
	return n;
}

/* Writing to urandom stirs the written bytes into the state. */
static long urandom_write(struct file *f, const void *buf, size_t n,
			  int64_t *pos)
{
	const uint8_t *p = buf;

	for (size_t i = 0; i < n; i++) {
		rng_state ^= (uint64_t)p[i] << (8 * (i % 8));
		rng_next();
	}
	if (!rng_state)
		rng_state = 1;
	return n;
}

static const struct file_ops null_fops = {
	.read = null_read,
	.write = sink_write,
	.lseek = mem_lseek,
	.read_user = null_read_user,
	.write_user = sink_write_user,
};
static const struct file_ops zero_fops = {
	.read = zero_read,
	.write = sink_write,
	.lseek = mem_lseek,
	.write_user = sink_write_user,
};
static const struct file_ops full_fops = {
	.read = zero_read,
	.write = full_write,
	.lseek = mem_lseek,
	.write_user = full_write_user,
};
static const struct file_ops urandom_fops = {
	.read = urandom_read,
	.write = urandom_write,
	.lseek = mem_lseek,
};

struct superblock *devfs_sb(void)
{
	return devsb;
}

int devfs_register(const char *name, uint32_t rdev, uint32_t mode,
		   const struct file_ops *fops)
{
	struct inode *root, *ip;
	size_t len = strnlen(name, NAME_MAX + 1);
	int err;

	if (!devsb)
		return -ENODEV;
	if (len == 0 || len > NAME_MAX || strchr(name, '/') || !fops)
		return -EINVAL;
	if (chrdev_lookup(rdev))
		return -EEXIST;
	if (nchrdevs == DEVFS_MAX_DEVICES)
		return -ENOSPC;
	root = devsb->root;
	err = root->ops->mknod(root, name, len, S_IFCHR | (mode & 07777), rdev,
			       NULL, &ip);
	if (err)
		return err;
	iput(ip);
	chrdevs[nchrdevs].rdev = rdev;
	chrdevs[nchrdevs].fops = fops;
	nchrdevs++;
	return 0;
}

int devfs_init(uint32_t seed)
{
	static const struct {
		const char *name;
		uint32_t minor;
		const struct file_ops *fops;
	} mem[] = {
		{"null", 3, &null_fops},
		{"zero", 5, &zero_fops},
		{"full", 7, &full_fops},
		{"urandom", 9, &urandom_fops},
	};
	int err;

	if (devsb)
		return -EBUSY;
	devsb = tmpfs_create(0755);
	if (!devsb)
		return -ENOMEM;
	devsb->fstype = "devfs";
	rng_state = 0x9E3779B97F4A7C15ULL ^ seed;
	for (size_t i = 0; i < ARRAY_SIZE(mem); i++) {
		err = devfs_register(mem[i].name, MKDEV(1, mem[i].minor), 0666,
				     mem[i].fops);
		if (err) {
			devfs_teardown();
			return err;
		}
	}
	return 0;
}

void devfs_teardown(void)
{
	if (devsb)
		tmpfs_destroy(devsb);
	devsb = NULL;
	nchrdevs = 0;
}
