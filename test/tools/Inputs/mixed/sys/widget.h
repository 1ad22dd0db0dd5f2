namespace na { struct Widget { int x; }; }
