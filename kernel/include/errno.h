/*
 * errno.h - the errno values the kernel returns negated (uapi/errno.h).
 * Internal restart codes are in signal.h (ERESTARTSYS).
 */
#ifndef SLEIGHT_ERRNO_H
#define SLEIGHT_ERRNO_H

#include "uapi/errno.h"

#endif
