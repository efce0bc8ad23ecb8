^tsh# /bin/hello;exit$
^Hello from Sleight user space!$
^sleight: halt status=0$
