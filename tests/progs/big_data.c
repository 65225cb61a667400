/* Used by bad_input/too_big_for_memory: carries 64 MiB of initialized (non-zero) data. */
#define SIZE (64u << 20)

static unsigned char big[SIZE] = { 1, 2, 3 };

int main(int argc, char **argv)
{
	(void)argv;
	big[SIZE - 1] = (unsigned char)argc;
	return big[(unsigned)argc % 3] + big[SIZE - 1] - 3;
}
