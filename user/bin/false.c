/* false - exit with status 1 (POSIX false(1)). */
int main(void)
{
	return 1;
}
