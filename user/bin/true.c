/* true - exit with status 0 (POSIX true(1)). */
int main(void)
{
	return 0;
}
