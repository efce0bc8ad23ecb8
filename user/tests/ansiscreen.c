/*
 * ansiscreen - draw a known screen with the terminal sequences Linux's
 * console gives programs (console_codes(4)), for the screen tests
 * (tests/screen/ansi.txt, tools/osrun --screen).
 *
 * First it prints the window size TIOCGWINSZ reports ("ansiscreen:
 * winsize ROWS COLS", checked by the boot case against the screen's
 * real size) and reads one typed line; then it clears the screen and
 * draws rows 1-21: scrolling inside a scroll region, cursor positioning
 * and motion, erase in line and display, the SGR colours, tab, backspace
 * and carriage return, save/restore of the cursor both ways, malformed
 * and overlong sequences that must change nothing, box-drawing UTF-8,
 * and the typed line. Last it prints "screen: ready" and waits for one
 * more line (the test takes its screendump meanwhile), then exits 0.
 *
 * "ansiscreen scroll" (tests/screen/scroll.txt) scrolls the whole screen
 * instead: 120 lines, one write each, then the marker on the last row;
 * then it deletes all but the last 10 rows from the top (CSI M), so the
 * screen shows lines 112-120 and the marker whatever its height.
 */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define CSI "\033["

static void out(const char *s)
{
	fputs(s, stdout);
}

/* Rows 10-14: a region scrolled by 100 lines shows the last 5. */
static void region_scroll(void)
{
	out(CSI "10;14r" CSI "14;1H");
	for (int i = 1; i <= 100; i++)
		printf("\nscroll %d", i);
	out(CSI "r"); /* whole screen again; cursor home */
}

static void positioning(void)
{
	out(CSI "1;1HABC" CSI "1;10Hat 1,10");
	out(CSI "2;1H" CSI "31mred" CSI "0m " CSI "1;32mbold" CSI "0m "
		CSI "7mrev" CSI "0m " CSI "44;97mwob" CSI "0m "
		CSI "91;100mbright" CSI "0m " CSI "33m" CSI "39mdef" CSI "0m "
		CSI "42m" CSI "49mdfb" CSI "0m");
	out(CSI "3;1Herase-me-xxxxxxxx" CSI "9D" CSI "K");
	out(CSI "4;1H\tT\bU\rV");
	out(CSI "5;1H\0337" CSI "5;30Hsaved\0338restored");
	out(CSI "6;1H" CSI "s" CSI "6;30Hsaved" CSI "urestored");
	out(CSI "7;1H0123456789" CSI "3DC");
	out(CSI "7;1H" CSI "B" CSI "5CB5C" CSI "A" CSI "2Dup" CSI "2B"
		CSI "3Ddown");
}

static void erasing(void)
{
	out(CSI "15;1Hzzzz" CSI "2K");
	out(CSI "16;1Hkkkkkkkkkk" CSI "16;6H" CSI "1K");
	out(CSI "17;1Hjunk\njunk\njunk" CSI "17;1H" CSI "J");
}

/* Nothing here may draw or move anything the next line does not fix. */
static void malformed(void)
{
	out(CSI "99999999999999999;1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;"
		"17;18;19;20;21;22;23;24;25;26;27;28;29;30m" CSI "0m");
	out(CSI "1234567890A" CSI ":::x" "\033]0;a title\a" "\033]P0000000");
	out("\033(B" "\033[?25h" CSI ">c" "\030");
	out(CSI "17;1Hafter-junk");
	out(CSI "18;1H\xe2\x94\x9c\xe2\x94\x80\xe2\x94\xa4 box");
}

static int scroll_test(unsigned rows)
{
	char line[16];

	out(CSI "2J" CSI "H");
	for (int i = 1; i <= 120; i++) {
		printf("line %d\n", i);
		fflush(stdout);
	}
	printf("screen: ready" CSI "H" CSI "%uM" CSI "11;1H", rows - 10);
	fflush(stdout);
	return fgets(line, sizeof(line), stdin) ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct winsize ws = {0};
	char line[128] = "";

	if (ioctl(1, TIOCGWINSZ, &ws) == 0)
		printf("ansiscreen: winsize %u %u\n", ws.ws_row, ws.ws_col);
	if (argc > 1 && !strcmp(argv[1], "scroll"))
		return scroll_test(ws.ws_row > 10 ? ws.ws_row : 25);
	if (!fgets(line, sizeof(line), stdin))
		line[0] = '\0';
	line[strcspn(line, "\n")] = '\0';
	out(CSI "2J" CSI "H");
	region_scroll();
	positioning();
	erasing();
	malformed();
	printf(CSI "19;1Htyped: %s" CSI "20;1Hscreen: ready\n", line);
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return 1;
	return 0;
}
