exec(open('eval/experiments/fields_offline/round7_flips.py').read().replace("base=run(eventtypes.classify)","import importlib.util as iu\nspec=iu.spec_from_file_location('etbak','/tmp/r7/etbak.py'); old=iu.module_from_spec(spec); spec.loader.exec_module(old)\nbase=run(old.classify)"))
compare(eventtypes.classify,'V')
